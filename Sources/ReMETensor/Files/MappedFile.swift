#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Read-only bytes of a whole file, memory-mapped (`PROT_READ`, `MAP_PRIVATE`) and
/// unmapped when the last reference goes away.
///
/// Tensors that view the mapping hold this object as their buffer's owner, so the
/// mapping outlives every such tensor. It can also own an in-memory copy of bytes
/// (for data that did not come from a file, and for tests).
public final class MappedFile: @unchecked Sendable {
    public let path: String
    /// The first byte; valid for `count` bytes. Never written through.
    public let base: UnsafeRawPointer
    public let count: Int
    private let release: Release

    private enum Release {
        case unmap(length: Int)
        case deallocate
    }

    /// Maps the file at `path`. An empty file gives an empty, unmapped view.
    public init(path: String) throws(SafetensorsError) {
        self.path = path
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .io(path: path, operation: "open", reason: Self.lastErrorText()) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .io(path: path, operation: "stat", reason: Self.lastErrorText()) }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw .io(path: path, operation: "map", reason: "not a regular file")
        }
        let size = Int(info.st_size)
        if size == 0 {
            let empty = UnsafeMutableRawPointer.allocate(byteCount: 1, alignment: 16)
            self.base = UnsafeRawPointer(empty)
            self.count = 0
            self.release = .deallocate
            return
        }
        let mapped = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0)
        guard let mapped, mapped != MAP_FAILED else {
            throw .io(path: path, operation: "mmap", reason: Self.lastErrorText())
        }
        self.base = UnsafeRawPointer(mapped)
        self.count = size
        self.release = .unmap(length: size)
    }

    /// Owns a copy of `bytes`; `path` is only used in error messages.
    public init(copying bytes: [UInt8], path: String = "<memory>") {
        self.path = path
        let storage = UnsafeMutableRawPointer.allocate(byteCount: max(bytes.count, 1), alignment: 64)
        bytes.withUnsafeBytes { source in
            if let from = source.baseAddress { storage.copyMemory(from: from, byteCount: source.count) }
        }
        self.base = UnsafeRawPointer(storage)
        self.count = bytes.count
        self.release = .deallocate
    }

    deinit {
        switch release {
        case let .unmap(length): munmap(UnsafeMutableRawPointer(mutating: base), length)
        case .deallocate: UnsafeMutableRawPointer(mutating: base).deallocate()
        }
    }

    public var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }

    static func lastErrorText() -> String {
        String(cString: strerror(errno))
    }
}
