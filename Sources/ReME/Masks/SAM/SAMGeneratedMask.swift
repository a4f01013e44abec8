import ReMEImage

/// One mask of SAM's automatic mask generator or predictor, with the fields of SAM's own JSON
/// output (`segmentation` as COCO RLE, `area`, `bbox` XYWH, `predicted_iou`, `stability_score`,
/// `point_coords`, `crop_box` XYWH), all in the original image's pixels.
public struct SAMGeneratedMask: Sendable, Equatable {
    public var segmentation: COCOMask
    /// `[x, y, w, h]` as SAM writes it: w = x1 − x0 with x1 the last foreground column.
    public var bbox: [Int]
    public var predictedIoU: Float
    public var stabilityScore: Float
    /// The prompt points `[[x, y]]` (the grid point for generated masks).
    public var pointCoords: [[Double]]
    /// `[x, y, w, h]` of the crop the mask was found in.
    public var cropBox: [Int]

    public init(segmentation: COCOMask, bbox: [Int], predictedIoU: Float, stabilityScore: Float,
                pointCoords: [[Double]], cropBox: [Int]) {
        self.segmentation = segmentation
        self.bbox = bbox
        self.predictedIoU = predictedIoU
        self.stabilityScore = stabilityScore
        self.pointCoords = pointCoords
        self.cropBox = cropBox
    }

    public var area: Int { segmentation.area }

    /// `[x0, y0, x1, y1]` → SAM's `[x0, y0, x1 − x0, y1 − y0]`.
    static func xywh(_ box: [Int]) -> [Int] { [box[0], box[1], box[2] - box[0], box[3] - box[1]] }
}
