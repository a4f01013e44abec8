import Foundation

/// Captions a list of images with at most `concurrency` requests in flight, appending each
/// finished caption to a `CaptionCache` at once (fsync after every `concurrency` records and
/// at the end). Images already in the cache are skipped, so a killed run loses only the
/// requests that were in flight.
public struct CaptionRunner: Sendable {
    /// Progress after each finished image.
    public struct Progress: Sendable {
        public var done: Int
        public var failed: Int
        public var total: Int
        public var skipped: Int
    }

    /// The outcome of a run.
    public struct Summary: Sendable {
        public var captioned: Int
        public var skipped: Int
        public var failures: [(image: String, error: CaptionError)]
    }

    public var concurrency: Int

    public init(concurrency: Int) { self.concurrency = max(1, concurrency) }

    /// `images` are (name in the cache, file) pairs.
    public func run(images: [(name: String, url: URL)], captioner: any Captioner, cache: CaptionCache,
                    progress: @Sendable (Progress) -> Void = { _ in }) async throws(CaptionError) -> Summary {
        let todo = images.filter { cache.existing[$0.name] == nil }
        let skipped = images.count - todo.count
        var state = Progress(done: 0, failed: 0, total: todo.count, skipped: skipped)
        var failures: [(image: String, error: CaptionError)] = []
        var sinceSync = 0
        var writeError: CaptionError? = nil
        await withTaskGroup(of: (String, Result<String, CaptionError>).self) { group in
            var pending = todo.makeIterator()
            for _ in 0..<concurrency {
                guard let item = pending.next() else { break }
                group.addTask(operation: Self.job(item, captioner))
            }
            while let (name, result) = await group.next() {
                switch result {
                case .success(let caption):
                    do {
                        try await cache.append(CaptionRecord(image: name, caption: caption))
                        sinceSync += 1
                        if sinceSync >= concurrency { try await cache.sync(); sinceSync = 0 }
                    } catch {
                        writeError = (error as? CaptionError) ?? .cacheWrite(path: cache.path, reason: "\(error)")
                        group.cancelAll()
                        return
                    }
                    state.done += 1
                case .failure(let error):
                    failures.append((name, error))
                    state.failed += 1
                }
                progress(state)
                if let item = pending.next() { group.addTask(operation: Self.job(item, captioner)) }
            }
        }
        if let writeError { throw writeError }
        try await cache.sync()
        return Summary(captioned: state.done, skipped: skipped, failures: failures)
    }

    /// One image's captioning, as a child task.
    private static func job(_ item: (name: String, url: URL), _ captioner: any Captioner)
        -> @Sendable () async -> (String, Result<String, CaptionError>) {
        let name = item.name, url = item.url
        return {
            do throws(CaptionError) { return (name, .success(try await captioner.caption(imageAt: url))) } catch {
                return (name, .failure(error))
            }
        }
    }

    /// The images of a folder (JPEG / PNG, sorted by name), named by their path relative to it.
    public static func images(in directory: String) throws(CaptionError) -> [(name: String, url: URL)] {
        let root = URL(fileURLWithPath: directory)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .unreadable(path: directory, reason: "not a folder")
        }
        guard let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]) else {
            throw .unreadable(path: directory, reason: "not a readable folder")
        }
        var found: [(name: String, url: URL)] = []
        let prefix = root.standardizedFileURL.path + "/"
        for case let url as URL in enumerator {
            guard ["jpg", "jpeg", "png"].contains(url.pathExtension.lowercased()) else { continue }
            let full = url.standardizedFileURL.path
            let name = full.hasPrefix(prefix) ? String(full.dropFirst(prefix.count)) : url.lastPathComponent
            found.append((name, url))
        }
        return found.sorted { $0.name < $1.name }
    }
}
