import Foundation
import ReMETensor

extension ReferenceSetCodec {
    /// The provenance recorded in a reference-set file, read from its header alone.
    public static func provenance(of path: String) throws -> [String: String] {
        let file = try SafetensorsFile(path: path)
        guard file.metadata["format"] == formatName else {
            throw MethodError.invalidReferenceSet("\(path) is not a reme reference set (metadata format: \(file.metadata["format"] ?? "missing"))")
        }
        return (try? decode(file.metadata, "provenance", path)) ?? [:]
    }
}

extension SegmentationPipeline {
    /// A retrieval pipeline over the reference set at `path`, after checking that it was built
    /// with the loaded encoders.
    public static func withReference(
        path: String, encoders: EncoderSet, masks: any MaskGenerator,
        retrieval: RetrievalConfiguration, background: BackgroundRule?
    ) throws -> SegmentationPipeline {
        guard let region = encoders.region else {
            throw PipelineError.visualModelMissing
        }
        try encoders.checkCompatible(with: try ReferenceSetCodec.provenance(of: path), path: path)
        let index = try ReferenceSetCodec.readIndex(path)
        guard index.featureDimension == region.featureDimension else {
            throw PipelineError.featureWidth(path: path, reference: index.featureDimension, encoder: region.featureDimension)
        }
        guard index.labelEmbeddings.shape.last == encoders.text.embeddingDimension else {
            throw PipelineError.featureWidth(path: path, reference: index.labelEmbeddings.shape.last ?? 0,
                                             encoder: encoders.text.embeddingDimension)
        }
        let labeler = SegmentLabeler.retrieval(RetrievalEngine(index: index, configuration: retrieval), regionEncoder: region,
                                               textEncoder: encoders.text, background: background)
        return SegmentationPipeline(masks: masks, labeler: labeler)
    }

    /// The CLIP-only baseline.
    public static func zeroReference(encoders: EncoderSet, masks: any MaskGenerator,
                                     temperature: Float, background: BackgroundRule?) throws -> SegmentationPipeline {
        guard let crops = encoders.crops else {
            throw PipelineError.labels("the zero-reference mode needs CLIP's vision tower")
        }
        let labeler = SegmentLabeler.zeroReference(ZeroReferenceClassifier(temperature: temperature), cropEncoder: crops,
                                                   textEncoder: encoders.text, background: background)
        return SegmentationPipeline(masks: masks, labeler: labeler)
    }
}
