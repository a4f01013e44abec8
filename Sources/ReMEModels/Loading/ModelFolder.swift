import Foundation
import ReMETensor

/// A Hugging Face model folder on disk: `config.json`, weights in `model.safetensors` or shards
/// listed in `model.safetensors.index.json`, optional tokenizer and preprocessor files.
public struct ModelFolder: Sendable {
    public let url: URL

    public init(url: URL) { self.url = url }

    /// `model` is a folder, or a hub id `ORG/NAME` looked up in the local Hugging Face cache:
    /// `$HF_HUB_CACHE`, else `$HF_HOME/hub`, else `~/.cache/huggingface/hub`, in the folder
    /// `models--ORG--NAME/snapshots/<hash in refs/main>` (or the only snapshot when there is no ref).
    public static func resolve(_ model: String,
                               environment: [String: String] = ProcessInfo.processInfo.environment) throws(ModelError) -> ModelFolder {
        var isDirectory: ObjCBool = false
        let expanded = (model as NSString).expandingTildeInPath
        if FileManager.default.fileExists(atPath: expanded, isDirectory: &isDirectory), isDirectory.boolValue {
            return ModelFolder(url: URL(fileURLWithPath: expanded))
        }
        let caches = hubCaches(environment)
        let parts = model.split(separator: "/")
        if parts.count == 2, !model.hasPrefix("."), !model.hasPrefix("/") {
            let repo = "models--\(parts[0])--\(parts[1])"
            for cache in caches {
                let base = cache.appendingPathComponent(repo)
                if let snapshot = snapshot(in: base) { return ModelFolder(url: snapshot) }
            }
        }
        throw .modelNotFound(model, searched: caches.map(\.path))
    }

    static func hubCaches(_ env: [String: String]) -> [URL] {
        if let hub = env["HF_HUB_CACHE"], !hub.isEmpty { return [URL(fileURLWithPath: hub)] }
        if let home = env["HF_HOME"], !home.isEmpty { return [URL(fileURLWithPath: home).appendingPathComponent("hub")] }
        let user = env["HOME"].map { URL(fileURLWithPath: $0) } ?? FileManager.default.homeDirectoryForCurrentUser
        return [user.appendingPathComponent(".cache/huggingface/hub")]
    }

    private static func snapshot(in repo: URL) -> URL? {
        let snapshots = repo.appendingPathComponent("snapshots")
        if let ref = try? String(contentsOf: repo.appendingPathComponent("refs/main"), encoding: .utf8) {
            let folder = snapshots.appendingPathComponent(ref.trimmingCharacters(in: .whitespacesAndNewlines))
            if FileManager.default.fileExists(atPath: folder.path) { return folder }
        }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: snapshots.path)) ?? []
        return entries.count == 1 ? snapshots.appendingPathComponent(entries[0]) : nil
    }

    public func file(_ name: String) -> URL { url.appendingPathComponent(name) }

    public func data(_ name: String) throws(ModelError) -> Data {
        do { return try Data(contentsOf: file(name)) } catch {
            throw .fileNotFound(path: file(name).path, what: name)
        }
    }

    /// `model_type` from `config.json`.
    public func modelType() throws(ModelError) -> String {
        try jsonObject(try data("config.json"), file: file("config.json").path)["model_type"] as? String ?? ""
    }

    /// The checkpoint's weights (single file or shards), memory-mapped.
    public func weights() throws(ModelError) -> any WeightSource {
        let single = file("model.safetensors"), index = file("model.safetensors.index.json")
        if FileManager.default.fileExists(atPath: single.path) {
            do { return try SafetensorsFile(path: single.path) } catch {
                throw .weightFile(path: single.path, reason: Self.reason(error.description, about: single.path))
            }
        }
        if FileManager.default.fileExists(atPath: index.path) {
            do { return try SafetensorsCollection(path: index.path) } catch {
                throw .weightFile(path: index.path, reason: Self.reason(error.description, about: index.path))
            }
        }
        throw .fileNotFound(path: single.path, what: "model.safetensors or model.safetensors.index.json")
    }

    /// `message` without a leading "`path`: ", which the error that wraps it already says.
    private static func reason(_ message: String, about path: String) -> String {
        message.hasPrefix(path + ": ") ? String(message.dropFirst(path.count + 2)) : message
    }
}
