import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Progress of `HubDownloader.fetch`, reported as bytes arrive.
public struct HubFetchProgress: Sendable {
    public var file: String
    public var fileIndex: Int
    public var fileCount: Int
    public var bytesDone: Int64
    public var bytesTotal: Int64
}

/// Downloads the files a model folder needs from a Hugging Face hub into the local hub
/// cache, resuming partial files, verifying sizes and LFS sha256 digests.
public struct HubDownloader: Sendable {
    public var endpoint: URL
    public var token: String?
    public var cache: HubCacheLayout
    public var maxAttempts = 6
    public var timeout: TimeInterval = 60
    /// First retry delay; doubles per attempt (with jitter), or the server's Retry-After.
    public var retryDelay: TimeInterval = 1

    /// Reads `HF_ENDPOINT` (default https://huggingface.co) and `HF_TOKEN` /
    /// `HUGGING_FACE_HUB_TOKEN`, and the cache location of `HubCacheLayout`.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        let base = environment["HF_ENDPOINT"].flatMap { $0.isEmpty ? nil : URL(string: $0) }
        endpoint = base ?? URL(string: "https://huggingface.co")!  // constant literal, cannot fail
        token = environment["HF_TOKEN"] ?? environment["HUGGING_FACE_HUB_TOKEN"]
        cache = HubCacheLayout(environment: environment)
    }

    private var headers: [String: String] {
        var h = ["User-Agent": "reme"]
        if let token, !token.isEmpty { h["Authorization"] = "Bearer \(token)" }
        return h
    }

    public func modelInfo(_ repo: HubRepositoryID, revision: String) async throws(HubError) -> HubModelInfo {
        let url = endpoint.appendingPathComponent("api/models/\(repo)/revision/\(revision)")
        var components = URLComponents(url: url, resolvingAgainstBaseURL: false)
        components?.queryItems = [URLQueryItem(name: "blobs", value: "true")]
        guard let full = components?.url else { throw .invalidRepositoryID(repo.description) }
        var lastError: HubError = .transport(url: full.absoluteString, message: "no attempt made")
        for attempt in 0..<maxAttempts {
            var request = URLRequest(url: full, timeoutInterval: timeout)
            for (k, v) in headers { request.setValue(v, forHTTPHeaderField: k) }
            do {
                let (data, response) = try await URLSession.shared.data(for: request)
                let status = (response as? HTTPURLResponse)?.statusCode ?? 0
                if status == 200 { return try HubModelInfo(json: data, url: full.absoluteString) }
                lastError = .http(url: full.absoluteString, status: status, hint: Self.hint(status))
                if !Self.isRetryable(status) { throw lastError }
            } catch let error as HubError {
                throw error
            } catch {
                lastError = .transport(url: full.absoluteString, message: error.localizedDescription)
            }
            await backoff(attempt: attempt, retryAfter: nil)
        }
        throw lastError
    }

    /// Fetches `repo` at `revision` and returns its snapshot folder.
    public func fetch(
        _ repo: HubRepositoryID, revision: String = "main",
        progress: @escaping @Sendable (HubFetchProgress) -> Void = { _ in }
    ) async throws(HubError) -> URL {
        let info = try await modelInfo(repo, revision: revision)
        let files = try info.filesNeededForLoading(repository: repo.description)
        let snapshot = cache.snapshot(repo, commit: info.commit)
        for (index, file) in files.enumerated() {
            try await fetchFile(file, repo: repo, commit: info.commit, snapshot: snapshot) { done, total in
                progress(HubFetchProgress(file: file.path, fileIndex: index, fileCount: files.count,
                                          bytesDone: done, bytesTotal: total))
            }
        }
        try writeAtomically(Data(info.commit.utf8), to: cache.ref(repo, revision: revision))
        return snapshot
    }

    private func fetchFile(
        _ file: HubRepositoryFile, repo: HubRepositoryID, commit: String, snapshot: URL,
        progress: @escaping @Sendable (Int64, Int64) -> Void
    ) async throws(HubError) {
        let fm = FileManager.default
        let blobsFolder = cache.repositoryFolder(repo).appendingPathComponent("blobs")
        try createFolder(blobsFolder)
        let partial = blobsFolder.appendingPathComponent("\(file.cacheETag ?? "path-" + file.path.replacingOccurrences(of: "/", with: "_")).incomplete")
        let expected = file.size ?? -1

        let blobName: String
        if let etag = file.cacheETag, let size = fileSize(cache.blob(repo, etag: etag)), expected < 0 || size == expected {
            progress(size, size)
            blobName = etag
        } else {
            try await download(file, repo: repo, commit: commit, to: partial, expectedSize: expected, progress: progress)
            let digest = try sha256(of: partial)
            if let want = file.sha256, want != digest {
                try? fm.removeItem(at: partial)
                throw .checksumMismatch(file: file.path, expected: want, found: digest)
            }
            blobName = file.cacheETag ?? digest
            let blob = cache.blob(repo, etag: blobName)
            try? fm.removeItem(at: blob)
            do { try fm.moveItem(at: partial, to: blob) } catch {
                throw .cache(path: blob.path, message: error.localizedDescription)
            }
        }
        try link(snapshot: snapshot, file: file.path, blobName: blobName)
    }

    private func download(
        _ file: HubRepositoryFile, repo: HubRepositoryID, commit: String, to partial: URL,
        expectedSize: Int64, progress: @escaping @Sendable (Int64, Int64) -> Void
    ) async throws(HubError) {
        let url = endpoint.appendingPathComponent("\(repo)/resolve/\(commit)/\(file.path)")
        var lastError: HubError = .transport(url: url.absoluteString, message: "no attempt made")
        for attempt in 0..<maxAttempts {
            let start = fileSize(partial) ?? 0
            if expectedSize >= 0 && start == expectedSize { return }
            if expectedSize >= 0 && start > expectedSize { try? FileManager.default.removeItem(at: partial); continue }
            let counter = ByteCounter(start: start)
            let total = expectedSize
            let task = HubFileDownload(destination: partial, startOffset: start) { n in
                progress(counter.add(n), total)
            }
            let outcome = await task.run(url: url, headers: headers, timeout: timeout)
            var retryAfter: TimeInterval?
            switch outcome {
            case .finished(_, let onDisk):
                if expectedSize < 0 || onDisk == expectedSize { return }
                if onDisk > expectedSize {
                    try? FileManager.default.removeItem(at: partial)
                    throw .sizeMismatch(file: file.path, expected: expectedSize, found: onDisk)
                }
                lastError = .transport(url: url.absoluteString, message: "connection closed after \(onDisk) of \(expectedSize) bytes")
            case .rangeNotSatisfiable:
                if let size = fileSize(partial), size == expectedSize { return }
                try? FileManager.default.removeItem(at: partial)
                lastError = .transport(url: url.absoluteString, message: "server rejected the resume range")
            case let .httpError(status, after):
                lastError = .http(url: url.absoluteString, status: status, hint: Self.hint(status))
                if !Self.isRetryable(status) { throw lastError }
                retryAfter = after
            case let .transportError(message, _):
                lastError = .transport(url: url.absoluteString, message: message)
            }
            if attempt + 1 < maxAttempts { await backoff(attempt: attempt, retryAfter: retryAfter) }
        }
        throw lastError
    }

    static func isRetryable(_ status: Int) -> Bool { status == 408 || status == 429 || status >= 500 }

    static func hint(_ status: Int) -> String {
        switch status {
        case 401, 403: return "access denied; set HF_TOKEN for gated or private models"
        case 404: return "no such model, revision or file"
        case 429: return "rate limited"
        default: return ""
        }
    }

    private func backoff(attempt: Int, retryAfter: TimeInterval?) async {
        let delay = retryAfter ?? retryDelay * pow(2, Double(attempt)) * Double.random(in: 0.75...1.25)
        try? await Task.sleep(nanoseconds: UInt64(max(0, min(delay, 60)) * 1e9))
    }

    private func link(snapshot: URL, file: String, blobName: String) throws(HubError) {
        let destination = snapshot.appendingPathComponent(file)
        try createFolder(destination.deletingLastPathComponent())
        let depth = file.split(separator: "/").count - 1
        let relative = String(repeating: "../", count: depth + 2) + "blobs/\(blobName)"
        let fm = FileManager.default
        if let existing = try? fm.destinationOfSymbolicLink(atPath: destination.path), existing == relative { return }
        try? fm.removeItem(at: destination)
        do { try fm.createSymbolicLink(atPath: destination.path, withDestinationPath: relative) } catch {
            throw .cache(path: destination.path, message: error.localizedDescription)
        }
    }

    private func createFolder(_ url: URL) throws(HubError) {
        do { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) } catch {
            throw .cache(path: url.path, message: error.localizedDescription)
        }
    }

    private func writeAtomically(_ data: Data, to url: URL) throws(HubError) {
        try createFolder(url.deletingLastPathComponent())
        do { try data.write(to: url, options: .atomic) } catch {
            throw .cache(path: url.path, message: error.localizedDescription)
        }
    }

    private func fileSize(_ url: URL) -> Int64? {
        (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? NSNumber)?.int64Value
    }

    private func sha256(of url: URL) throws(HubError) -> String {
        guard let handle = try? FileHandle(forReadingFrom: url) else {
            throw .cache(path: url.path, message: "cannot read")
        }
        defer { try? handle.close() }
        var hasher = SHA256()
        while let chunk = try? handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            chunk.withUnsafeBytes { hasher.update($0) }
        }
        return hasher.finalizeHex()
    }
}

/// Bytes received so far for one file, shared with the download delegate's callbacks.
private final class ByteCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Int64
    init(start: Int64) { value = start }
    func add(_ n: Int64) -> Int64 { lock.lock(); defer { lock.unlock() }; value += n; return value }
}
