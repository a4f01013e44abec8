import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An append-only file of `BuildRecord`s: the resumable state of one `reme build` shard.
///
/// Each record is `"RMBR" | u64 payload length | payload | u32 CRC-32 of payload`, written with
/// one `write` and `fsync`ed, so a crash (SIGKILL, power loss) leaves at most one torn record
/// at the end. Opening the log drops such a tail, so the next append starts clean.
public final class BuildRecordLog {
    public let url: URL
    public private(set) var records: [BuildRecord] = []
    private let fd: Int32
    private static let magic: [UInt8] = Array("RMBR".utf8)

    public init(url: URL) throws(BuildError) {
        self.url = url
        let descriptor = open(url.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .io(path: url.path, message: String(cString: strerror(errno))) }
        fd = descriptor
        let (records, validLength) = Self.read(url)
        self.records = records
        guard ftruncate(fd, off_t(validLength)) == 0, lseek(fd, 0, SEEK_END) >= 0 else {
            close(fd)
            throw .io(path: url.path, message: String(cString: strerror(errno)))
        }
    }

    deinit { close(fd) }

    public var completedImages: Set<String> { Set(records.map(\.image)) }

    public func append(_ record: BuildRecord) throws(BuildError) {
        let payload: Data
        do { payload = try record.encoded() } catch {
            throw .io(path: url.path, message: "cannot encode the record of \(record.image): \(error)")
        }
        var bytes = Self.magic
        withUnsafeBytes(of: UInt64(payload.count).littleEndian) { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: payload)
        let crc = payload.withUnsafeBytes { CRC32.checksum($0) }
        withUnsafeBytes(of: crc.littleEndian) { bytes.append(contentsOf: $0) }
        let written = bytes.withUnsafeBytes { raw -> Int in
            var done = 0
            while done < raw.count {
                let n = write(fd, raw.baseAddress! + done, raw.count - done)
                if n < 0 { if errno == EINTR { continue } else { return -1 } }
                done += n
            }
            return done
        }
        guard written == bytes.count, fsync(fd) == 0 else {
            throw .io(path: url.path, message: String(cString: strerror(errno)))
        }
        records.append(record)
    }

    /// The valid records of a log file (none when it does not exist).
    public static func records(at url: URL) -> [BuildRecord] { read(url).0 }

    /// Valid records of the file and the byte length they cover.
    static func read(_ url: URL) -> ([BuildRecord], Int) {
        guard let data = try? Data(contentsOf: url, options: .mappedIfSafe) else { return ([], 0) }
        var records: [BuildRecord] = []
        var offset = 0
        data.withUnsafeBytes { raw in
            while raw.count - offset >= 16 {
                guard Array(raw[offset..<(offset + 4)]) == magic else { break }
                let length = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset + 4, as: UInt64.self))
                guard length <= UInt64(raw.count - offset - 16) else { break }
                let start = offset + 12, end = start + Int(length)
                let payload = UnsafeRawBufferPointer(rebasing: raw[start..<end])
                let crc = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: end, as: UInt32.self))
                guard CRC32.checksum(payload) == crc, let record = BuildRecord.decode(payload) else { break }
                records.append(record)
                offset = end + 4
            }
        }
        return (records, offset)
    }
}
