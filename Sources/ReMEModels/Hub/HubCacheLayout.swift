import Foundation

/// The on-disk layout of the Hugging Face hub cache (`huggingface_hub`'s format):
/// `models--ORG--NAME/{blobs/<etag>, snapshots/<commit>/<file> -> ../../blobs/<etag>, refs/<revision>}`.
public struct HubCacheLayout: Sendable {
    public var root: URL

    /// `$HF_HUB_CACHE`, else `$HF_HOME/hub`, else `~/.cache/huggingface/hub`.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        if let hub = environment["HF_HUB_CACHE"], !hub.isEmpty {
            root = URL(fileURLWithPath: hub)
        } else if let home = environment["HF_HOME"], !home.isEmpty {
            root = URL(fileURLWithPath: home).appendingPathComponent("hub")
        } else {
            let base = environment["XDG_CACHE_HOME"].map { URL(fileURLWithPath: $0) }
                ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cache")
            root = base.appendingPathComponent("huggingface/hub")
        }
    }

    public init(root: URL) { self.root = root }

    public func repositoryFolder(_ repo: HubRepositoryID) -> URL {
        root.appendingPathComponent("models--\(repo.organization)--\(repo.name)")
    }
    public func blob(_ repo: HubRepositoryID, etag: String) -> URL {
        repositoryFolder(repo).appendingPathComponent("blobs/\(etag)")
    }
    public func snapshot(_ repo: HubRepositoryID, commit: String) -> URL {
        repositoryFolder(repo).appendingPathComponent("snapshots/\(commit)")
    }
    public func ref(_ repo: HubRepositoryID, revision: String) -> URL {
        repositoryFolder(repo).appendingPathComponent("refs/\(revision)")
    }

    /// The snapshot folder `refs/<revision>` points at, if the model is cached.
    public func resolve(_ repo: HubRepositoryID, revision: String = "main") -> URL? {
        let refFile = ref(repo, revision: revision)
        let commit: String
        if let text = try? String(contentsOf: refFile, encoding: .utf8) {
            commit = text.trimmingCharacters(in: .whitespacesAndNewlines)
        } else {
            commit = revision  // a commit hash given directly
        }
        guard !commit.isEmpty, !commit.contains("/") else { return nil }
        let folder = snapshot(repo, commit: commit)
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory) && isDirectory.boolValue
            ? folder : nil
    }
}

/// `ORG/NAME` on the hub.
public struct HubRepositoryID: Sendable, Hashable, CustomStringConvertible {
    public var organization: String
    public var name: String

    public init(_ text: String) throws(HubError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-_."))
        guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".."
            && String($0).unicodeScalars.allSatisfy(allowed.contains) }) else {
            throw .invalidRepositoryID(text)
        }
        organization = String(parts[0])
        name = String(parts[1])
    }

    public var description: String { "\(organization)/\(name)" }
}
