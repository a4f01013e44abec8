import Foundation

/// Everything one benchmark image's result depends on. A record is reused only when its key
/// equals the image's key now.
public struct EvalRecordKey: Codable, Hashable, Sendable {
    /// The image file's bytes.
    public var image: ContentDigest?
    /// The label map's bytes.
    public var label: ContentDigest?
    /// The external masks file of the image, if the segmenter reads one.
    public var masks: ContentDigest?
    /// `EvaluationSettings.digest`: models, reference set, segmenter, classifier, background rule.
    public var settings: ContentDigest

    public init(image: ContentDigest?, label: ContentDigest?, masks: ContentDigest?, settings: ContentDigest) {
        self.image = image
        self.label = label
        self.masks = masks
        self.settings = settings
    }

    /// Why a record made under `recorded` cannot stand for the image now; nil when it can.
    public func recomputeReason(against recorded: EvalRecordKey) -> EvalRecomputeReason? {
        if settings != recorded.settings { return .settingsChanged }
        if image != recorded.image { return .imageChanged }
        if label != recorded.label { return .labelChanged }
        if masks != recorded.masks { return .masksChanged }
        return nil
    }
}

/// Why an evaluated image that already had a record was evaluated again.
public enum EvalRecomputeReason: String, CaseIterable, Sendable, CustomStringConvertible {
    case settingsChanged = "settings changed"
    case imageChanged = "image changed"
    case labelChanged = "label map changed"
    case masksChanged = "masks changed"
    /// The record was made without its prediction PNG, and this run writes predictions.
    case predictionNotKept = "prediction not kept"

    public var description: String { rawValue }
}

/// One evaluated image: its areas and, when predictions are written, its prediction PNG.
public struct EvalRecord: Sendable {
    /// The sample's id in the split.
    public var sample: String
    public var key: EvalRecordKey
    public var areas: ImageAreas
    /// The prediction as the PNG file `--predictions`-style output holds.
    public var predictionPNG: Data?

    public init(sample: String, key: EvalRecordKey, areas: ImageAreas, predictionPNG: Data?) {
        self.sample = sample
        self.key = key
        self.areas = areas
        self.predictionPNG = predictionPNG
    }
}

/// JSON part of a serialised record; the PNG bytes, if any, follow it.
struct EvalRecordHeader: Codable {
    var sample: String
    var key: EvalRecordKey
    var areas: ImageAreas
    var hasPrediction: Bool
}

extension EvalRecord: LoggedRecord {
    public static let logMagic: [UInt8] = Array("RME".utf8)
    public static let currentLogVersion: UInt8 = 1
    public static let legacyVersionByte: UInt8? = nil
    public var logIdentity: String { sample }

    public func logPayload() throws -> Data {
        let json = try JSONEncoder().encode(EvalRecordHeader(sample: sample, key: key, areas: areas,
                                                             hasPrediction: predictionPNG != nil))
        var data = Data()
        withUnsafeBytes(of: UInt32(json.count).littleEndian) { data.append(contentsOf: $0) }
        data.append(json)
        if let predictionPNG { data.append(predictionPNG) }
        return data
    }

    public static func decodeLogPayload(_ payload: UnsafeRawBufferPointer, version: UInt8) -> EvalRecord? {
        guard version == 1, payload.count >= 4 else { return nil }
        let jsonLength = Int(UInt32(littleEndian: payload.loadUnaligned(as: UInt32.self)))
        guard jsonLength <= payload.count - 4,
              let header = try? JSONDecoder().decode(EvalRecordHeader.self,
                                                      from: Data(UnsafeRawBufferPointer(rebasing: payload[4..<(4 + jsonLength)])))
        else { return nil }
        let rest = Data(UnsafeRawBufferPointer(rebasing: payload[(4 + jsonLength)...]))
        guard header.hasPrediction || rest.isEmpty else { return nil }
        return EvalRecord(sample: header.sample, key: header.key, areas: header.areas,
                          predictionPNG: header.hasPrediction ? rest : nil)
    }
}
