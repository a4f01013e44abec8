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
    /// with the loaded encoders. `labelListCapacity` bounds the per-label-list caches (class
    /// embeddings and tables) for long-running callers; the default keeps every list.
    public static func withReference(
        path: String, encoders: EncoderSet, masks: any MaskGenerator,
        retrieval: RetrievalConfiguration, background: BackgroundRule?, labelListCapacity: Int = .max
    ) throws -> SegmentationPipeline {
        guard encoders.region != nil else { throw PipelineError.visualModelMissing }
        try encoders.checkCompatible(with: try ReferenceSetCodec.provenance(of: path), path: path)
        return try withReference(index: try ReferenceSetCodec.readIndex(path), path: path, encoders: encoders, masks: masks,
                                 retrieval: retrieval, background: background, labelListCapacity: labelListCapacity)
    }

    /// A retrieval pipeline over an index already read from `path` (whose provenance the caller
    /// checked with `EncoderSet.checkCompatible`): several pipelines can share one index.
    public static func withReference(
        index: ReferenceIndex, path: String, encoders: EncoderSet, masks: any MaskGenerator,
        retrieval: RetrievalConfiguration, background: BackgroundRule?, labelListCapacity: Int = .max
    ) throws -> SegmentationPipeline {
        guard let region = encoders.region else {
            throw PipelineError.visualModelMissing
        }
        guard index.featureDimension == region.featureDimension else {
            throw PipelineError.featureWidth(path: path, reference: index.featureDimension, encoder: region.featureDimension)
        }
        guard index.labelEmbeddings.shape.last == encoders.text.embeddingDimension else {
            throw PipelineError.featureWidth(path: path, reference: index.labelEmbeddings.shape.last ?? 0,
                                             encoder: encoders.text.embeddingDimension)
        }
        let classifier = RetrievalClassifier(engine: RetrievalEngine(index: index, configuration: retrieval), regionEncoder: region,
                                             textEncoder: encoders.text, classCache: ClassEmbeddingCache(capacity: labelListCapacity),
                                             labelListCapacity: labelListCapacity)
        let labeler = SegmentLabeler(classifier: classifier, background: background)
        return SegmentationPipeline(masks: masks, labeler: labeler)
    }

    /// The CLIP-only baseline.
    public static func zeroReference(encoders: EncoderSet, masks: any MaskGenerator, temperature: Float,
                                     background: BackgroundRule?, labelListCapacity: Int = .max) throws -> SegmentationPipeline {
        guard let crops = encoders.crops else {
            throw PipelineError.labels("the zero-reference mode needs CLIP's vision tower")
        }
        let classifier = ZeroReferenceSegmentClassifier(ZeroReferenceClassifier(temperature: temperature), cropEncoder: crops,
                                                        textEncoder: encoders.text,
                                                        classCache: ClassEmbeddingCache(capacity: labelListCapacity))
        let labeler = SegmentLabeler(classifier: classifier, background: background)
        return SegmentationPipeline(masks: masks, labeler: labeler)
    }
}
