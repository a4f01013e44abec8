import Foundation

/// Downloads a model from the Hugging Face hub into the local cache layout that
/// `ModelFolder.resolve` reads: `models--ORG--NAME/blobs/<etag>`, `snapshots/<commit>/<file>`
/// (relative symlinks to the blobs) and `refs/<revision>`. Only the files a model folder needs
/// are fetched (configs, tokenizer files, safetensors weights). Interrupted downloads resume from
/// `blobs/<etag>.incomplete`; LFS files (the weights) are checked against their SHA-256.
public struct HubFetcher: Sendable {
    public var endpoint: URL
    public var cache: URL
    public var token: String?
    public var transport: any HubTransport

    public static let wantedFiles: Set<String> = [
        "config.json", "preprocessor_config.json", "vocab.json", "merges.txt", "tokenizer.json",
        "tokenizer_config.json", "special_tokens_map.json", "model.safetensors.index.json",
    ]

    public init(environment: [String: String] = ProcessInfo.processInfo.environment,
                transport: any HubTransport = URLSessionHubTransport()) {
        endpoint = URL(string: environment["HF_ENDPOINT"] ?? "") ?? URL(string: "https://huggingface.co")!
        cache = ModelFolder.hubCaches(environment)[0]
        token = environment["HF_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
        self.transport = transport
    }

    struct RepoInfo: Decodable {
        struct Sibling: Decodable {
            struct LFS: Decodable { var sha256: String; var size: Int64 }
            var rfilename: String
            var blobId: String?
            var size: Int64?
            var lfs: LFS?
        }
        var sha: String
        var siblings: [Sibling]
    }

    /// Fetches `repo` ("ORG/NAME") at `revision`; `progress(file, bytesDone, bytesTotal)`.
    @discardableResult
    public func fetch(_ repo: String, revision: String = "main",
                      progress: (String, Int64, Int64?) -> Void = { _, _, _ in }) throws(ModelError) -> ModelFolder {
        let parts = repo.split(separator: "/")
        guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." }) else {
            throw .invalidInput("model id '\(repo)' is not ORG/NAME")
        }
        let repoDir = cache.appendingPathComponent("models--\(parts[0])--\(parts[1])")
        let infoURL = endpoint.appendingPathComponent("api/models/\(repo)/revision/\(revision)")
        let info: RepoInfo
        do {
            let data = try transport.get(URL(string: infoURL.absoluteString + "?blobs=true") ?? infoURL, headers: headers)
            info = try JSONDecoder().decode(RepoInfo.self, from: data)
        } catch {
            throw .invalidInput("cannot list \(repo)@\(revision) on \(endpoint.absoluteString): \(Self.describe(error))")
        }
        let files = info.siblings.filter {
            !$0.rfilename.contains("/") && (Self.wantedFiles.contains($0.rfilename) || $0.rfilename.hasSuffix(".safetensors"))
        }
        guard files.contains(where: { $0.rfilename == "config.json" }) else {
            throw .invalidInput("\(repo) has no config.json at the top level")
        }
        let snapshot = repoDir.appendingPathComponent("snapshots/\(info.sha)")
        do {
            try FileManager.default.createDirectory(at: repoDir.appendingPathComponent("blobs"), withIntermediateDirectories: true)
            try FileManager.default.createDirectory(at: snapshot, withIntermediateDirectories: true)
            for file in files {
                let etag = file.lfs?.sha256 ?? file.blobId ?? "\(info.sha)-\(file.rfilename)"
                let blob = repoDir.appendingPathComponent("blobs/\(etag)")
                if !FileManager.default.fileExists(atPath: blob.path) {
                    let url = endpoint.appendingPathComponent("\(repo)/resolve/\(info.sha)/\(file.rfilename)")
                    try download(url, to: blob, expectedSHA256: file.lfs?.sha256, size: file.lfs?.size ?? file.size) {
                        progress(file.rfilename, $0, $1)
                    }
                }
                let link = snapshot.appendingPathComponent(file.rfilename)
                try? FileManager.default.removeItem(at: link)
                try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "../../blobs/\(etag)")
            }
            if revision != info.sha {
                let ref = repoDir.appendingPathComponent("refs/\(revision)")
                try FileManager.default.createDirectory(at: ref.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(info.sha.utf8).write(to: ref, options: .atomic)
            }
        } catch let error as ModelError {
            throw error
        } catch {
            throw .invalidInput("fetching \(repo): \(Self.describe(error))")
        }
        return ModelFolder(url: snapshot)
    }

    static func describe(_ error: Error) -> String {
        if let http = error as? HubHTTPError { return http.description }
        return (error as NSError).localizedDescription
    }

    private var headers: [String: String] {
        token.map { ["Authorization": "Bearer \($0)"] } ?? [:]
    }

    /// Appends to `<blob>.incomplete` from its current length, verifies, then renames to `blob`.
    private func download(_ url: URL, to blob: URL, expectedSHA256: String?, size: Int64?,
                          progress: (Int64, Int64?) -> Void) throws {
        let partial = URL(fileURLWithPath: blob.path + ".incomplete")
        if !FileManager.default.fileExists(atPath: partial.path) {
            guard FileManager.default.createFile(atPath: partial.path, contents: nil) else {
                throw HubHTTPError(url: url, status: nil, reason: "cannot create \(partial.path)")
            }
        }
        var hash = SHA256()
        let handle = try FileHandle(forUpdating: partial)
        defer { try? handle.close() }
        // Hash what an earlier attempt already wrote, then continue after it.
        var offset: Int64 = 0
        while let chunk = try handle.read(upToCount: 1 << 22), !chunk.isEmpty {
            hash.update(chunk)
            offset += Int64(chunk.count)
        }
        if let size, offset > size {
            try handle.truncate(atOffset: 0)
            hash = SHA256()
            offset = 0
        }
        let state = DownloadState(handle: handle, hash: hash, length: offset)
        if size == nil || offset < size ?? 0 || offset == 0 {
            try transport.download(url, headers: headers, from: offset,
                                   begin: { try state.begin(at: $0) }, into: { try state.append($0) })
        }
        let written = state.length
        progress(written, size)
        if let size, written != size {
            throw HubHTTPError(url: url, status: nil, reason: "got \(written) bytes, expected \(size) (rerun to resume)")
        }
        if let expectedSHA256 {
            let digest = state.hash.finalize()
            guard digest == expectedSHA256 else {
                try? FileManager.default.removeItem(at: partial)
                throw HubHTTPError(url: url, status: nil, reason: "SHA-256 \(digest) does not match the hub's \(expectedSHA256); the partial file was removed")
            }
        }
        try handle.close()
        try FileManager.default.moveItem(at: partial, to: blob)
    }
}

/// Appends a download to the partial file and keeps the running hash.
private final class DownloadState: @unchecked Sendable {
    let handle: FileHandle
    var hash: SHA256
    var length: Int64

    init(handle: FileHandle, hash: SHA256, length: Int64) {
        self.handle = handle
        self.hash = hash
        self.length = length
    }

    /// The server starts at `byte`: 0 means it ignored the range, so the partial file restarts.
    func begin(at byte: Int64) throws {
        guard byte != length else { return }
        try handle.truncate(atOffset: 0)
        hash = SHA256()
        length = 0
    }

    func append(_ data: Data) throws {
        try handle.seekToEnd()
        try handle.write(contentsOf: data)
        hash.update(data)
        length += Int64(data.count)
    }
}
