import Foundation
import ReMEModels

/// What a reference set records about an encoder, so that a set is only ever queried with
/// the encoders that built it.
public struct ModelIdentity: Sendable, Equatable, CustomStringConvertible {
    /// The name the user gave (hub id or folder).
    public var name: String
    public var modelType: String
    /// SHA-256 of `config.json`: the architecture.
    public var configSHA256: String
    /// SHA-256 of the first safetensors file's header plus the first and last MiB of its data:
    /// cheap to compute on multi-GB checkpoints, and different for different weights of one
    /// architecture (which share config and header).
    public var weightsFingerprint: String

    public init(folder: ModelFolder, name: String) throws(ModelError) {
        self.name = name
        modelType = try folder.modelType()
        configSHA256 = SHA256.hex(of: try folder.data("config.json"))
        weightsFingerprint = Self.fingerprint(folder)
    }

    public init(name: String, modelType: String, configSHA256: String, weightsFingerprint: String) {
        self.name = name
        self.modelType = modelType
        self.configSHA256 = configSHA256
        self.weightsFingerprint = weightsFingerprint
    }

    private static func fingerprint(_ folder: ModelFolder) -> String {
        let fm = FileManager.default
        let single = folder.file("model.safetensors")
        var path = single.path
        if !fm.fileExists(atPath: path),
           let names = try? fm.contentsOfDirectory(atPath: folder.url.path).filter({ $0.hasSuffix(".safetensors") }).sorted(),
           let first = names.first {
            path = folder.file(first).path
        }
        guard let handle = FileHandle(forReadingAtPath: path) else { return "" }
        defer { try? handle.close() }
        guard let lengthBytes = try? handle.read(upToCount: 8), lengthBytes.count == 8 else { return "" }
        let length = lengthBytes.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) }
        guard length < 100_000_000, let header = try? handle.read(upToCount: Int(length)) else { return "" }
        var hasher = SHA256()
        hasher.update(header)
        let window = 1 << 20
        if let head = try? handle.read(upToCount: window) { hasher.update(head) }
        if let end = try? handle.seekToEnd(), end > UInt64(8 + Int(length) + 2 * window) {
            try? handle.seek(toOffset: end - UInt64(window))
            if let tail = try? handle.read(upToCount: window) { hasher.update(tail) }
        }
        return hasher.finalizeHex()
    }

    /// Provenance entries under `prefix` (e.g. "clip", "visual").
    public func provenance(prefix: String) -> [String: String] {
        ["\(prefix)_model": name, "\(prefix)_model_type": modelType,
         "\(prefix)_config_sha256": configSHA256, "\(prefix)_weights_fingerprint": weightsFingerprint]
    }

    /// Reads the identity recorded under `prefix`, if any.
    public static func recorded(in provenance: [String: String], prefix: String) -> ModelIdentity? {
        guard let config = provenance["\(prefix)_config_sha256"] else { return nil }
        return ModelIdentity(name: provenance["\(prefix)_model"] ?? "?", modelType: provenance["\(prefix)_model_type"] ?? "?",
                             configSHA256: config, weightsFingerprint: provenance["\(prefix)_weights_fingerprint"] ?? "")
    }

    /// Same architecture and same weights layout (names are not compared: a folder and its hub
    /// id are the same model).
    public func matches(_ other: ModelIdentity) -> Bool {
        configSHA256 == other.configSHA256 && weightsFingerprint == other.weightsFingerprint
    }

    /// Names the weights too: two checkpoints of one architecture differ only there.
    public var description: String {
        let weights = weightsFingerprint.isEmpty ? "unknown" : String(weightsFingerprint.prefix(12))
        return "\(name) (\(modelType), config \(configSHA256.prefix(12)), weights \(weights))"
    }
}
