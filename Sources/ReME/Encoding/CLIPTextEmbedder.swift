import Foundation
import ReMEModels
import ReMETensor

/// The CLIP text tower behind the method's `TextEncoder` seam: projected text embeddings,
/// L2-normalised, computed in batches.
public struct CLIPTextEmbedder: TextEncoder {
    public let encoder: CLIPTextEncoder
    public let batchSize: Int

    public init(encoder: CLIPTextEncoder, batchSize: Int = 64) {
        self.encoder = encoder
        self.batchSize = max(1, batchSize)
    }

    public init(folder: ModelFolder) throws(ModelError) {
        self.init(encoder: try CLIPTextEncoder.load(folder))
    }

    public var embeddingDimension: Int { encoder.tower.embeddingDimension }

    public func encodeTexts(_ texts: [String]) throws -> Tensor {
        guard !texts.isEmpty else { return Tensor(zeros: [0, embeddingDimension]) }
        var parts: [Tensor] = []
        for start in stride(from: 0, to: texts.count, by: batchSize) {
            let chunk = Array(texts[start..<min(texts.count, start + batchSize)])
            let output = try encoder.encode(chunk).output
            parts.append((output.textEmbeds ?? output.poolerOutput).l2NormalizedRows())
        }
        return parts.count == 1 ? parts[0] : try Tensor.concatenate(parts)
    }
}
