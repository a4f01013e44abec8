/// The settings of SAM's automatic mask generator, with the defaults of transformers'
/// `mask-generation` pipeline (and SAM's `SamAutomaticMaskGenerator`). See docs/sam.md.
public struct SAMMaskGenerationSettings: Sendable, Equatable {
    /// Points per side of the grid on the whole image (layer 0).
    public var pointsPerSide = 32
    /// Points decoded per model call.
    public var pointsPerBatch = 64
    /// Masks with a predicted IoU at or below this are dropped (0 = no filter).
    public var predIoUThresh: Float = 0.88
    /// Masks with a stability score at or below this are dropped (0 = no filter).
    public var stabilityScoreThresh: Float = 0.95
    /// The logit offset of the stability score.
    public var stabilityScoreOffset: Float = 1
    /// Logit threshold that binarises masks.
    public var maskThreshold: Float = 0
    /// Box IoU above which NMS drops the lower-scored mask.
    public var boxNMSThresh: Float = 0.7
    /// Crop layers besides the whole image; layer i has (2^i)² crops.
    public var cropNLayers = 0
    /// Overlap of the crops of layer 1 as a fraction of the short side.
    public var cropOverlapRatio: Double = 512.0 / 1500.0
    /// Points per side in layer i are `pointsPerSide / factor^i`.
    public var cropNPointsDownscaleFactor = 1
    /// SAM's post-processing: disconnected regions and holes smaller than this are removed and
    /// NMS runs again (0 = off, as in the transformers pipeline).
    public var minMaskRegionArea = 0

    public init() {}

    /// Checks the settings; throws a one-line error naming the first bad one.
    public func validated() throws(MethodError) -> SAMMaskGenerationSettings {
        func bad(_ name: String, _ value: Any, _ expected: String) -> MethodError {
            .invalidParameter(name: name, value: "\(value)", expected: expected)
        }
        guard pointsPerSide > 0 else { throw bad("points-per-side", pointsPerSide, "a positive integer") }
        guard pointsPerBatch > 0 else { throw bad("points-per-batch", pointsPerBatch, "a positive integer") }
        guard (0...1).contains(predIoUThresh) else { throw bad("pred-iou-thresh", predIoUThresh, "a number in [0, 1]") }
        guard (0...1).contains(stabilityScoreThresh) else {
            throw bad("stability-score-thresh", stabilityScoreThresh, "a number in [0, 1]")
        }
        guard stabilityScoreOffset >= 0, stabilityScoreOffset.isFinite else {
            throw bad("stability-score-offset", stabilityScoreOffset, "a non-negative number")
        }
        guard (0...1).contains(boxNMSThresh) else { throw bad("box-nms-thresh", boxNMSThresh, "a number in [0, 1]") }
        guard (0...8).contains(cropNLayers) else { throw bad("crop-n-layers", cropNLayers, "an integer in 0…8") }
        guard (0..<1).contains(cropOverlapRatio) else { throw bad("crop-overlap-ratio", cropOverlapRatio, "a number in [0, 1)") }
        guard cropNPointsDownscaleFactor > 0 else {
            throw bad("crop-n-points-downscale-factor", cropNPointsDownscaleFactor, "a positive integer")
        }
        guard minMaskRegionArea >= 0 else { throw bad("min-mask-region-area", minMaskRegionArea, "a non-negative integer") }
        return self
    }

    /// "sam points_per_side=32 …": the settings as recorded in provenance.
    public var description: String {
        "points_per_side=\(pointsPerSide) pred_iou_thresh=\(predIoUThresh) stability_score_thresh=\(stabilityScoreThresh)"
            + " stability_score_offset=\(stabilityScoreOffset) box_nms_thresh=\(boxNMSThresh) crop_n_layers=\(cropNLayers)"
            + " crop_overlap_ratio=\(cropOverlapRatio) crop_n_points_downscale_factor=\(cropNPointsDownscaleFactor)"
            + " min_mask_region_area=\(minMaskRegionArea)"
    }
}
