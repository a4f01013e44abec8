#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a file under a temporary name in the destination's directory and renames it
/// into place only after everything is written and fsynced. Readers of the destination
/// see either the old file or the complete new one, never a partial file.
final class AtomicFileWriter {
    let destination: String
    let temporaryPath: String
    private var fd: Int32
    /// True once the temporary file is gone: renamed into place or deleted.
    private var settled = false

    init(destination: String) throws(SafetensorsError) {
        self.destination = destination
        let slash = destination.lastIndex(of: "/")
        let directory = slash.map { String(destination[...$0]) } ?? ""
        let base = slash.map { String(destination[destination.index(after: $0)...]) } ?? destination
        var fd: Int32 = -1
        var candidate = ""
        for _ in 0..<16 {
            let tag = String(UInt64.random(in: 0...UInt64.max), radix: 36)
            candidate = directory + "." + base + ".tmp-\(getpid())-" + tag
            fd = open(candidate, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            if fd >= 0 || errno != EEXIST { break }
        }
        guard fd >= 0 else {
            throw .io(path: destination, operation: "create a temporary file", reason: MappedFile.lastErrorText())
        }
        self.fd = fd
        self.temporaryPath = candidate
    }

    deinit { abandon() }

    func write(_ bytes: UnsafeRawBufferPointer) throws(SafetensorsError) {
        guard var pointer = bytes.baseAddress else { return }
        var remaining = bytes.count
        while remaining > 0 {
            let written = Glibc.write(fd, pointer, remaining)
            if written < 0 {
                if errno == EINTR { continue }
                throw .io(path: temporaryPath, operation: "write", reason: MappedFile.lastErrorText())
            }
            pointer += written
            remaining -= written
        }
    }

    func commit() throws(SafetensorsError) {
        guard fsync(fd) == 0 else {
            throw .io(path: temporaryPath, operation: "fsync", reason: MappedFile.lastErrorText())
        }
        let closed = close(fd)
        fd = -1
        guard closed == 0 else {
            throw .io(path: temporaryPath, operation: "close", reason: MappedFile.lastErrorText())
        }
        guard rename(temporaryPath, destination) == 0 else {
            throw .io(path: destination, operation: "rename \(temporaryPath) to", reason: MappedFile.lastErrorText())
        }
        settled = true
        syncDirectory()
    }

    /// Closes and deletes the temporary file unless it was already renamed into place.
    func abandon() {
        if fd >= 0 {
            close(fd)
            fd = -1
        }
        if !settled {
            unlink(temporaryPath)
            settled = true
        }
    }

    /// Makes the rename durable; failure here is not an error (some filesystems refuse).
    private func syncDirectory() {
        let slash = destination.lastIndex(of: "/")
        let directory = slash.map { String(destination[...$0]) } ?? "."
        let dirfd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dirfd >= 0 {
            _ = fsync(dirfd)
            close(dirfd)
        }
    }
}
