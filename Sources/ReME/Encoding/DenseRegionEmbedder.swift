import ReMEImage
import ReMEModels
import ReMETensor

/// The method's visual feature (docs/specification.md, Part 1 step 6): a ViT's patch tokens of the whole image
/// (DINOv2 by default, or CLIP's vision tower for the ablation), mask-average-pooled per
/// segment and L2-normalised.
///
/// The image is resized so its short side is `shortSide` and both sides are multiples of the
/// patch size (no crop); DINOv2 interpolates its position embeddings to that grid.
public struct DenseRegionEmbedder: RegionEncoder {
    public let encoder: any ImageTower
    public let preprocessor: ImagePreprocessor
    public let shortSide: Int
    public let resampling: MaskPooling.Resampling

    public init(encoder: any ImageTower, preprocessor: ImagePreprocessor, shortSide: Int = 448,
                resampling: MaskPooling.Resampling = .bilinear) {
        self.encoder = encoder
        self.preprocessor = preprocessor
        self.shortSide = shortSide
        self.resampling = resampling
    }

    public init(folder: ModelFolder, shortSide: Int = 448) throws(ModelError) {
        self.init(encoder: try ImageTowerRegistry.standard.load(folder), preprocessor: try ImagePreprocessor.load(folder),
                  shortSide: shortSide)
    }

    /// The width of the tower's tokens (hidden size, not CLIP's projection).
    public var featureDimension: Int { encoder.hiddenSize }

    /// Patch tokens `[rows·columns, D]` of the whole image and their grid.
    public func patchTokens(_ image: PixelImage) throws -> (tokens: Tensor, rows: Int, columns: Int) {
        let pixels = try preprocessor.dense(image, shortSide: shortSide, patch: encoder.patchSize)
        let batch = try pixels.reshaped([1] + pixels.shape)
        let output = try encoder.dense(batch)
        let tokens = output.lastHiddenState
        let prefix = encoder.prefixTokenCount
        let patches = output.gridRows * output.gridColumns
        let d = tokens.shape[2]
        var patchTokens = Tensor(uninitialized: [patches, d])
        patchTokens.withUnsafeMutableBufferPointer { dst in
            tokens.withUnsafeBufferPointer { src in
                guard let s = src.baseAddress, let t = dst.baseAddress else { return }
                t.update(from: s + prefix * d, count: patches * d)
            }
        }
        return (patchTokens, output.gridRows, output.gridColumns)
    }

    public func encodeRegions(image: PixelImage, masks: SegmentMasks) throws -> Tensor {
        if case let .overlapping(overlapping) = masks.storage {
            let (tokens, rows, columns) = try patchTokens(image)
            return try MaskPooling.pool(tokens: tokens, masks: overlapping, gridWidth: columns, gridHeight: rows,
                                        resampling: resampling)
        }
        let labels = try masks.labelMap()
        let (tokens, rows, columns) = try patchTokens(image)
        return try MaskPooling.pool(tokens: tokens, labels: labels, gridWidth: columns, gridHeight: rows,
                                    resampling: resampling)
    }
}
