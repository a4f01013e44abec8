import Foundation
import ReMETensor

/// What the per-image stage of `reme build` produced for one image.
public struct BuildRecord: Sendable {
    public enum Outcome: Sendable {
        case paired(BaseSetImage)
        /// The image could not be used (unreadable, no caption, …); kept so the summary can
        /// list it and a restart does not retry it.
        case skipped(reason: String)
    }

    /// The image's path relative to the images folder (its identity across restarts).
    public var image: String
    public var outcome: Outcome
    /// How many class-agnostic segments the image had before pairing.
    public var segmentCount: Int
    /// What the record was computed from; nil for records of format version 1, written before
    /// records carried keys (they never match an image, so they are recomputed).
    public var key: BuildRecordKey?

    public init(image: String, outcome: Outcome, segmentCount: Int, key: BuildRecordKey?) {
        self.image = image
        self.outcome = outcome
        self.segmentCount = segmentCount
        self.key = key
    }
}

/// JSON part of a serialised record; the features follow it as raw little-endian Float32.
/// Format version 2 added `key`; the layout is otherwise that of version 1.
struct BuildRecordHeader: Codable {
    var image: String
    var key: BuildRecordKey?
    var skipped: String?
    var segmentCount: Int
    var featureDimension: Int
    var keptSegmentIndices: [Int]
    var phrases: [[String]]
    var pairedSegment: [Int]
    var pairScore: [Float]
}

extension BuildRecord {
    func encoded() throws -> Data {
        let header: BuildRecordHeader
        var features: Tensor?
        switch outcome {
        case .skipped(let reason):
            header = BuildRecordHeader(image: image, key: key, skipped: reason, segmentCount: segmentCount, featureDimension: 0,
                                       keptSegmentIndices: [], phrases: [], pairedSegment: [], pairScore: [])
        case .paired(let b):
            header = BuildRecordHeader(image: image, key: key, skipped: nil, segmentCount: segmentCount,
                                       featureDimension: b.segmentFeatures.shape.last ?? 0,
                                       keptSegmentIndices: b.keptSegmentIndices,
                                       phrases: b.phrases.map { [$0.text, $0.root] },
                                       pairedSegment: b.pairedSegment, pairScore: b.pairScore)
            features = b.segmentFeatures
        }
        var data = Data()
        let json = try JSONEncoder().encode(header)
        var jsonLength = UInt32(json.count).littleEndian
        withUnsafeBytes(of: &jsonLength) { data.append(contentsOf: $0) }
        data.append(json)
        features?.withUnsafeBufferPointer { f in
            f.withMemoryRebound(to: UInt8.self) { data.append(contentsOf: $0) }
        }
        return data
    }

    /// Nil when the payload is not a record of format `version` (1 or 2).
    static func decode(_ payload: UnsafeRawBufferPointer, version: UInt8) -> BuildRecord? {
        guard payload.count >= 4 else { return nil }
        let jsonLength = Int(UInt32(littleEndian: payload.loadUnaligned(as: UInt32.self)))
        guard jsonLength <= payload.count - 4,
              let header = try? JSONDecoder().decode(BuildRecordHeader.self,
                                                      from: Data(UnsafeRawBufferPointer(rebasing: payload[4..<(4 + jsonLength)]))),
              version >= 2 || header.key == nil else {
            return nil
        }
        if let reason = header.skipped {
            return BuildRecord(image: header.image, outcome: .skipped(reason: reason), segmentCount: header.segmentCount,
                               key: header.key)
        }
        let kept = header.keptSegmentIndices.count, d = header.featureDimension
        let featureBytes = payload.count - 4 - jsonLength
        guard d >= 0, featureBytes == kept * d * 4, header.phrases.allSatisfy({ $0.count == 2 }),
              header.pairedSegment.count == header.phrases.count, header.pairScore.count == header.phrases.count,
              header.pairedSegment.allSatisfy({ $0 >= 0 && $0 < kept }) else { return nil }
        var features = Tensor(uninitialized: [kept, d])
        features.withUnsafeMutableBufferPointer { dst in
            UnsafeMutableRawBufferPointer(dst).copyMemory(from: UnsafeRawBufferPointer(rebasing: payload[(4 + jsonLength)...]))
        }
        let image = BaseSetImage(segmentFeatures: features, keptSegmentIndices: header.keptSegmentIndices,
                                 phrases: header.phrases.map { RootedPhrase(text: $0[0], root: $0[1]) },
                                 pairedSegment: header.pairedSegment, pairScore: header.pairScore)
        return BuildRecord(image: header.image, outcome: .paired(image), segmentCount: header.segmentCount, key: header.key)
    }
}

extension BuildRecord: LoggedRecord {
    public static let logMagic: [UInt8] = Array("RMB".utf8)
    public static let currentLogVersion: UInt8 = 2
    /// Version 1 frames are `"RMBR"`: their fourth magic byte is the letter R.
    public static let legacyVersionByte: UInt8? = UInt8(ascii: "R")
    public var logIdentity: String { image }
    public func logPayload() throws -> Data { try encoded() }
    public static func decodeLogPayload(_ payload: UnsafeRawBufferPointer, version: UInt8) -> BuildRecord? {
        decode(payload, version: version)
    }
}
