import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A JSON Lines file of finished captions that survives being killed: each record is one
/// `write()` of a whole line to a file opened with `O_APPEND`, `sync()` fsyncs, and on opening
/// a torn last line (no newline, or not JSON) is cut off so later appends stay well-formed.
public actor CaptionCache {
    public nonisolated let path: String
    private let descriptor: Int32
    /// The records found when the cache was opened, by image.
    public nonisolated let existing: [String: String]
    private var pendingSync = 0

    public init(path: String) throws(CaptionError) {
        self.path = path
        let (records, validLength) = try Self.read(path: path)
        existing = records
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .cacheWrite(path: path, reason: String(cString: strerror(errno))) }
        if let validLength, ftruncate(fd, off_t(validLength)) != 0 {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw .cacheWrite(path: path, reason: reason)
        }
        descriptor = fd
    }

    deinit { close(descriptor) }

    /// Appends one record as one line.
    public func append(_ record: CaptionRecord) throws(CaptionError) {
        // Keys in a fixed order ("image" first) so caches diff cleanly.
        let encoder = JSONEncoder()
        encoder.outputFormatting = .withoutEscapingSlashes
        var line = Data("{\"image\":".utf8)
        do {
            line.append(try encoder.encode(record.image))
            line.append(contentsOf: ",\"caption\":".utf8)
            line.append(try encoder.encode(record.caption))
        } catch {
            throw .cacheWrite(path: path, reason: "cannot encode record: \(error)")
        }
        line.append(contentsOf: "}\n".utf8)
        let written = line.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == line.count else {
            throw .cacheWrite(path: path, reason: written < 0 ? String(cString: strerror(errno)) : "short write")
        }
        pendingSync += 1
    }

    /// Flushes appended records to disk.
    public func sync() throws(CaptionError) {
        guard pendingSync > 0 else { return }
        guard fsync(descriptor) == 0 else { throw .cacheWrite(path: path, reason: String(cString: strerror(errno))) }
        pendingSync = 0
    }

    /// Parses the cache; returns its records and, when the last line is torn, the length of
    /// the valid prefix to truncate to. A missing file is an empty cache.
    static func read(path: String) throws(CaptionError) -> ([String: String], Int?) {
        guard FileManager.default.fileExists(atPath: path) else { return ([:], nil) }
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw .unreadable(path: path, reason: error.localizedDescription)
        }
        var records: [String: String] = [:]
        var lineStart = data.startIndex
        var lineNumber = 0
        let decoder = JSONDecoder()
        while lineStart < data.endIndex {
            lineNumber += 1
            guard let newline = data[lineStart...].firstIndex(of: 0x0A) else {
                // No newline: a line torn by a kill during write(); keep what precedes it.
                return (records, lineStart - data.startIndex)
            }
            let line = data[lineStart..<newline]
            if !line.isEmpty {
                guard let record = try? decoder.decode(CaptionRecord.self, from: line) else {
                    if newline + 1 == data.endIndex { return (records, lineStart - data.startIndex) }
                    throw .malformedFile(path: path, line: lineNumber, reason: "caption cache line is not a {\"image\", \"caption\"} object")
                }
                records[record.image] = record.caption
            }
            lineStart = newline + 1
        }
        return (records, nil)
    }
}
