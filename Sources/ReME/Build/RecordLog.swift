import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A record kept in a `RecordLog`: one image's finished work, serialised as one payload.
public protocol LoggedRecord: Sendable {
    /// Three bytes that open every frame of this kind of log (`"RMB"` for the build).
    static var logMagic: [UInt8] { get }
    /// The format version written now.
    static var currentLogVersion: UInt8 { get }
    /// A fourth magic byte that marks frames of format version 1 written before frames had a
    /// version byte; nil when the log never had such frames.
    static var legacyVersionByte: UInt8? { get }
    /// What the record is about (an image path); the last record of an identity counts.
    var logIdentity: String { get }
    func logPayload() throws -> Data
    /// Nil when the payload is not a record of format `version`.
    static func decodeLogPayload(_ payload: UnsafeRawBufferPointer, version: UInt8) -> Self?
}

/// The record log of `reme build`.
public typealias BuildRecordLog = RecordLog<BuildRecord>

/// An append-only file of records: the resumable state of one shard of a `reme build` or
/// `reme eval`.
///
/// Each record is `magic (3 bytes) | format version byte | u64 payload length | payload | u32
/// CRC-32 of payload`, written with one `write` and `fsync`ed, so a crash (SIGKILL, power loss)
/// leaves at most one torn record at the end. Opening the log drops such a tail, so the next
/// append starts clean. A version newer than the record type's current one is refused rather
/// than mistaken for a torn tail and cut off.
///
/// An image may have several records (it was recomputed after its inputs changed): the last
/// one counts.
public final class RecordLog<Record: LoggedRecord> {
    public let url: URL
    /// Every record of the file, in the order written.
    public private(set) var records: [Record] = []
    /// The last record of each image.
    public private(set) var latest: [String: Record] = [:]
    private let fd: Int32
    private static var magic: [UInt8] { Record.logMagic }
    static var currentVersion: UInt8 { Record.currentLogVersion }

    public init(url: URL) throws(BuildError) {
        self.url = url
        let (records, validLength) = try Self.read(url)
        let descriptor = open(url.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .io(path: url.path, message: String(cString: strerror(errno))) }
        fd = descriptor
        self.records = records
        latest = Self.latestByImage(records)
        // Once every property is set, a throw runs deinit, which closes the descriptor.
        guard ftruncate(fd, off_t(validLength)) == 0, lseek(fd, 0, SEEK_END) >= 0 else {
            throw .io(path: url.path, message: String(cString: strerror(errno)))
        }
    }

    deinit { close(fd) }

    public func append(_ record: Record) throws(BuildError) {
        let payload: Data
        do { payload = try record.logPayload() } catch {
            throw .io(path: url.path, message: "cannot encode the record of \(record.logIdentity): \(error)")
        }
        var bytes = Self.magic + [Self.currentVersion]
        withUnsafeBytes(of: UInt64(payload.count).littleEndian) { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: payload)
        let crc = payload.withUnsafeBytes { CRC32.checksum($0) }
        withUnsafeBytes(of: crc.littleEndian) { bytes.append(contentsOf: $0) }
        let written = bytes.withUnsafeBytes { raw -> Int in
            var done = 0
            while done < raw.count {
                guard let base = raw.baseAddress else { return -1 }
                let n = write(fd, base + done, raw.count - done)
                if n < 0 { if errno == EINTR { continue } else { return -1 } }
                done += n
            }
            return done
        }
        guard written == bytes.count, fsync(fd) == 0 else {
            throw .io(path: url.path, message: String(cString: strerror(errno)))
        }
        records.append(record)
        latest[record.logIdentity] = record
    }

    /// The valid records of a log file (none when it does not exist).
    public static func records(at url: URL) throws(BuildError) -> [Record] { try read(url).0 }

    /// The last record of each image in a log file (none when it does not exist).
    public static func latestRecords(at url: URL) throws(BuildError) -> [String: Record] {
        latestByImage(try read(url).0)
    }

    static func latestByImage(_ records: [Record]) -> [String: Record] {
        var latest: [String: Record] = [:]
        latest.reserveCapacity(records.count)
        for r in records { latest[r.logIdentity] = r }
        return latest
    }

    /// Valid records of the file and the byte length they cover.
    static func read(_ url: URL) throws(BuildError) -> ([Record], Int) {
        guard FileManager.default.fileExists(atPath: url.path) else { return ([], 0) }
        let data: Data
        do { data = try Data(contentsOf: url, options: .mappedIfSafe) } catch {
            throw .io(path: url.path, message: "cannot read the records: \(error.localizedDescription)")
        }
        return try data.withUnsafeBytes { raw in
            Result { () throws(BuildError) in try parse(raw, path: url.path) }
        }.get()
    }

    private static func parse(_ raw: UnsafeRawBufferPointer, path: String) throws(BuildError) -> ([Record], Int) {
        var records: [Record] = []
        var offset = 0
        // A torn first record still starts with this log's magic; other leading bytes are another
        // file (a build log read as an evaluation log, say), which must not be cut to nothing.
        let head = raw.prefix(magic.count)
        guard head.elementsEqual(magic.prefix(head.count)) else {
            throw .io(path: path, message: "not a record log of this kind (it starts with other bytes); left untouched")
        }
        while raw.count - offset >= 16 {
            guard raw[offset] == magic[0], raw[offset + 1] == magic[1], raw[offset + 2] == magic[2] else { break }
            let version = raw[offset + 3] == Record.legacyVersionByte ? 1 : raw[offset + 3]
            guard version >= 1, version <= currentVersion else {
                throw .unsupportedFormatVersion(path: path, version: Int(version), supported: Int(currentVersion))
            }
            let length = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset + 4, as: UInt64.self))
            guard length <= UInt64(raw.count - offset - 16) else { break }
            let start = offset + 12, end = start + Int(length)
            let payload = UnsafeRawBufferPointer(rebasing: raw[start..<end])
            let crc = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: end, as: UInt32.self))
            guard CRC32.checksum(payload) == crc else { break }
            // A record that passes its checksum was written whole: failing to decode it is
            // not a torn tail, and cutting the log there would lose good records.
            guard let record = Record.decodeLogPayload(payload, version: version) else {
                throw .unreadableRecord(path: path, offset: offset)
            }
            records.append(record)
            offset = end + 4
        }
        return (records, offset)
    }
}
