import Foundation
import ReME
import ReMEServer

/// The models and reference set `reme serve` loads once at start, and the `/v1/info` document
/// describing them.
struct ServeModels {
    var segmenter: PipelineSegmenter
    var encoders: EncoderSet
    /// `reme refset info --json`'s summary (the set itself is not kept: the index serves retrieval).
    var referenceSummary: [String: Any]?
    var referenceName: String?
    /// The segmenter and its settings (`MaskGenerator.settingsDescription`).
    var segmenterDescription: String

    static func load(models: ModelOptions, segments: MaskOptions, retrieval: RetrievalOptions, reference: String?,
                     labelCache: Int) throws -> ServeModels {
        let encoders = try EncoderSet.load(clip: models.clip, visual: reference == nil ? nil : models.visual,
                                           crops: reference == nil, region: reference != nil, denseShortSide: models.denseShortSide)
        let masks = try segments.generator()
        let base = retrieval.configuration
        var summary: [String: Any]?
        let make: PipelineSegmenter.Factory
        if let reference {
            try encoders.checkCompatible(with: try ReferenceSetCodec.provenance(of: reference), path: reference)
            let index = try ReferenceSetCodec.readIndex(reference)
            summary = try ReferenceSetCodec.read(reference).summary(top: 15)
            make = { settings in
                var configuration = base
                if let t = settings.visualTemperature { configuration.visualTemperature = t }
                if let t = settings.textTemperature { configuration.textTemperature = t }
                if let k = settings.topK { configuration.topK = k }
                return try .withReference(index: index, path: reference, encoders: encoders, masks: masks, retrieval: configuration,
                                          background: nil, labelListCapacity: labelCache)
            }
        } else {
            make = { settings in
                try .zeroReference(encoders: encoders, masks: masks, temperature: settings.textTemperature ?? base.textTemperature,
                                   background: nil, labelListCapacity: labelCache)
            }
        }
        return ServeModels(segmenter: try PipelineSegmenter(make: make), encoders: encoders, referenceSummary: summary,
                           referenceName: reference.map { URL(fileURLWithPath: $0).lastPathComponent },
                           segmenterDescription: masks.settingsDescription)
    }

    /// `GET /v1/info`: what is loaded (no paths beyond the reference set's file name).
    static func info(_ loaded: ServeModels, limits: ServerLimits, models: ModelOptions, retrieval: RetrievalOptions,
                     segments: MaskOptions) throws -> Data {
        func identity(_ id: ModelIdentity) -> [String: Any] {
            ["name": id.name, "model_type": id.modelType, "config_sha256": id.configSHA256, "weights_fingerprint": id.weightsFingerprint]
        }
        var reference: Any = NSNull()
        if var summary = loaded.referenceSummary {
            summary["file"] = loaded.referenceName ?? ""
            reference = summary
        }
        let object: [String: Any] = [
            "api_version": 1, "version": remeVersion,
            "mode": loaded.referenceSummary == nil ? "zero_reference" : "retrieval",
            "models": ["clip": identity(loaded.encoders.clipIdentity),
                       "visual": loaded.encoders.visualIdentity.map(identity) ?? NSNull()] as [String: Any],
            "reference_set": reference,
            "settings": ["tau_visual": retrieval.visualTemperature, "tau_text": retrieval.textTemperature,
                         "top_k": retrieval.topK.map { $0 as Any } ?? NSNull(), "dense_short_side": models.denseShortSide,
                         "segment_short_side": segments.segmentShortSide,
                         "segmenter": loaded.segmenterDescription] as [String: Any],
            "limits": ["max_body_bytes": limits.maxBodyBytes, "max_pixels": limits.maxPixels, "max_labels": limits.maxLabels,
                       "request_timeout_seconds": limits.requestTimeout, "workers": limits.workers, "queue": limits.queueLimit],
        ]
        return try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
    }
}
