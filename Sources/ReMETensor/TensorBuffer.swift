/// Contiguous Float32 storage shared by `Tensor` values (copy-on-write).
///
/// A buffer either owns its memory or borrows it from an owner that keeps it alive
/// (a memory-mapped safetensors file). Borrowed memory is never written: the first
/// mutation of a tensor that views it copies it.
public final class TensorBuffer: @unchecked Sendable {
    public let pointer: UnsafeMutablePointer<Float>
    public let count: Int
    /// Keeps borrowed memory alive; `nil` when the buffer owns `pointer`.
    private let owner: AnyObject?

    public var isBorrowed: Bool { owner != nil }

    /// Allocates `count` floats, zero-filled.
    public init(count: Int) {
        precondition(count >= 0, "negative element count")
        self.count = count
        self.pointer = UnsafeMutablePointer<Float>.allocate(capacity: max(count, 1))
        self.pointer.initialize(repeating: 0, count: count)
        self.owner = nil
    }

    /// Allocates `count` floats without initialising them; the caller fills every element.
    public init(uninitializedCount count: Int) {
        precondition(count >= 0, "negative element count")
        self.count = count
        self.pointer = UnsafeMutablePointer<Float>.allocate(capacity: max(count, 1))
        self.owner = nil
    }

    /// Views memory that `owner` keeps alive. The memory must stay valid and unchanged
    /// for the owner's lifetime.
    public init(borrowing pointer: UnsafePointer<Float>, count: Int, owner: AnyObject) {
        self.pointer = UnsafeMutablePointer(mutating: pointer)
        self.count = count
        self.owner = owner
    }

    deinit {
        if owner == nil { pointer.deallocate() }
    }

    func copy() -> TensorBuffer {
        let b = TensorBuffer(uninitializedCount: count)
        b.pointer.update(from: pointer, count: count)
        return b
    }
}
