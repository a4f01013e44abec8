import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Replaces a file's contents all at once and durably: written under a temporary name,
/// fsynced, renamed over the destination, and the folder fsynced, so after a crash the
/// destination holds the old contents or the new ones, never a mix or nothing.
enum DurableFile {
    static func replace(_ url: URL, with data: Data) throws(BuildError) {
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())").path
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .io(path: temporary, message: String(cString: strerror(errno))) }
        let written = data.withUnsafeBytes { raw -> Bool in
            var done = 0
            while done < raw.count {
                guard let base = raw.baseAddress else { return false }
                let n = write(fd, base + done, raw.count - done)
                if n < 0 { if errno == EINTR { continue } else { return false } }
                done += n
            }
            return true
        }
        let synced = written && fsync(fd) == 0
        let failure = String(cString: strerror(errno))
        close(fd)
        guard synced, rename(temporary, url.path) == 0 else {
            unlink(temporary)
            throw .io(path: url.path, message: synced ? String(cString: strerror(errno)) : failure)
        }
        let folder = open(url.deletingLastPathComponent().path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folder >= 0 {
            _ = fsync(folder)  // some filesystems refuse; the rename is done either way
            close(folder)
        }
    }
}
