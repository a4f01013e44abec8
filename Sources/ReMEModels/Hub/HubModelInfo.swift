import Foundation

/// One file of a hub repository at a commit, as the hub's model API describes it.
public struct HubRepositoryFile: Sendable, Equatable {
    public var path: String
    public var size: Int64?
    /// SHA-256 of the content for LFS files (the cache's blob name); nil otherwise.
    public var sha256: String?
    /// The git blob id (the cache's blob name for non-LFS files).
    public var blobID: String?

    public var cacheETag: String? { sha256 ?? blobID }
}

/// A repository's commit and file list (`GET /api/models/{repo}/revision/{rev}?blobs=true`).
public struct HubModelInfo: Sendable {
    public var commit: String
    public var files: [HubRepositoryFile]

    init(json data: Data, url: String) throws(HubError) {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw .malformedMetadata(url: url, reason: "not a JSON object")
        }
        guard let sha = object["sha"] as? String, !sha.isEmpty,
              sha.unicodeScalars.allSatisfy({ CharacterSet.alphanumerics.contains($0) }) else {
            throw .malformedMetadata(url: url, reason: "missing commit 'sha'")
        }
        guard let siblings = object["siblings"] as? [[String: Any]] else {
            throw .malformedMetadata(url: url, reason: "missing 'siblings'")
        }
        commit = sha
        var files: [HubRepositoryFile] = []
        for entry in siblings {
            guard let path = entry["rfilename"] as? String, Self.isSafeRelativePath(path) else {
                throw .malformedMetadata(url: url, reason: "bad file name \(entry["rfilename"] ?? "nil")")
            }
            let lfs = entry["lfs"] as? [String: Any]
            let size = (lfs?["size"] as? NSNumber ?? entry["size"] as? NSNumber)?.int64Value
            let sha256 = (lfs?["sha256"] as? String).flatMap { Self.isHex($0, length: 64) ? $0 : nil }
            let blob = (entry["blobId"] as? String).flatMap { Self.isHex($0, length: 40) ? $0 : nil }
            files.append(HubRepositoryFile(path: path, size: size, sha256: sha256, blobID: blob))
        }
        self.files = files
    }

    /// Rejects names that would escape the snapshot folder.
    static func isSafeRelativePath(_ path: String) -> Bool {
        !path.isEmpty && !path.hasPrefix("/") && !path.contains("\\")
            && !path.split(separator: "/", omittingEmptySubsequences: false).contains { $0.isEmpty || $0 == "." || $0 == ".." }
    }

    static func isHex(_ s: String, length: Int) -> Bool {
        s.count == length && s.unicodeScalars.allSatisfy { CharacterSet(charactersIn: "0123456789abcdef").contains($0) }
    }

    /// The files a reme model folder needs: configs, tokenizer files and safetensors weights
    /// (sharded or not). Other weight formats are skipped.
    public func filesNeededForLoading(repository: String) throws(HubError) -> [HubRepositoryFile] {
        let wanted: Set<String> = [
            "config.json", "preprocessor_config.json", "tokenizer_config.json", "tokenizer.json",
            "vocab.json", "merges.txt", "special_tokens_map.json", "model.safetensors",
            "model.safetensors.index.json", "generation_config.json",
        ]
        let chosen = files.filter { f in
            wanted.contains(f.path) || (f.path.hasPrefix("model-") && f.path.hasSuffix(".safetensors") && !f.path.contains("/"))
        }
        guard chosen.contains(where: { $0.path.hasSuffix(".safetensors") }) else {
            throw .noWeights(repository: repository, files: files.map(\.path))
        }
        return chosen
    }
}
