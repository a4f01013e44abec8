import ReMEImage
import ReMEModels
import ReMETensor

/// CLIP's image tower on masked bounding-box crops of each segment (docs/specification.md, Part 1 step 4 and
/// the zero-reference baseline): projected embeddings, L2-normalised, one row per mask.
public struct CLIPCropEmbedder: CropEncoder {
    public let tower: CLIPVisionTower
    public let normalization: CropNormalization
    /// Crops per forward pass (bounds the activations' memory).
    public let batchSize: Int

    public init(tower: CLIPVisionTower, normalization: CropNormalization = .clip, batchSize: Int = 16) {
        self.tower = tower
        self.normalization = normalization
        self.batchSize = max(1, batchSize)
    }

    /// Loads the vision tower of a CLIP folder with its preprocessor's mean and std.
    public init(folder: ModelFolder, batchSize: Int = 16) throws(ModelError) {
        guard let tower = try ImageTowerRegistry.standard.load(folder) as? CLIPVisionTower else {
            throw .invalidInput("\(folder.url.path) is not a CLIP checkpoint")
        }
        let pre = try ImagePreprocessor.load(folder).config
        self.init(tower: tower, normalization: CropNormalization(mean: pre.imageMean, std: pre.imageStd),
                  batchSize: batchSize)
    }

    public var embeddingDimension: Int { tower.embeddingDimension }

    public func encodeCrops(image: PixelImage, masks: SegmentMasks) throws -> Tensor {
        let size = tower.config.imageSize
        let cropBatch: ([Int]) throws -> Tensor
        if case let .overlapping(overlapping) = masks.storage {
            cropBatch = { ids in
                try MaskedCrops.batch(image: image, masks: overlapping, indices: ids, size: size, normalization: normalization)
            }
        } else {
            let labels = try masks.labelMap()
            cropBatch = { ids in
                try MaskedCrops.batch(image: image, labels: labels, segments: ids, size: size, normalization: normalization)
            }
        }
        var parts: [Tensor] = []
        for start in stride(from: 0, to: masks.count, by: batchSize) {
            let crops = try cropBatch(Array(start..<min(masks.count, start + batchSize)))
            let output = try tower(crops)
            parts.append((output.imageEmbeds ?? output.poolerOutput).l2NormalizedRows())
        }
        if parts.isEmpty { return Tensor(zeros: [0, embeddingDimension]) }
        return parts.count == 1 ? parts[0] : try Tensor.concatenate(parts)
    }
}
