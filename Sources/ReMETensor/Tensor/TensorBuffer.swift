/// Contiguous Float32 storage shared by `Tensor` values (copy-on-write).
///
/// A buffer either owns its memory or borrows it from an owner that keeps it alive
/// (a memory-mapped safetensors file). Borrowed memory is never written: `Tensor` copies
/// it before the first write. Only `Tensor` touches the pointer, inside its
/// `withUnsafe…BufferPointer` calls, so that no write can reach storage another value shares.
final class TensorBuffer: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Float>
    let count: Int
    /// Keeps borrowed memory alive; `nil` when the buffer owns `pointer`.
    private let owner: AnyObject?

    var isBorrowed: Bool { owner != nil }

    /// Allocates `count` floats, zero-filled.
    init(count: Int) {
        precondition(count >= 0, "negative element count")
        self.count = count
        self.pointer = UnsafeMutablePointer<Float>.allocate(capacity: max(count, 1))
        self.pointer.initialize(repeating: 0, count: count)
        self.owner = nil
    }

    /// Allocates `count` floats without initialising them; the caller fills every element.
    init(uninitializedCount count: Int) {
        precondition(count >= 0, "negative element count")
        self.count = count
        self.pointer = UnsafeMutablePointer<Float>.allocate(capacity: max(count, 1))
        self.owner = nil
    }

    /// Views memory that `owner` keeps alive. The memory must stay valid and unchanged
    /// for the owner's lifetime.
    init(borrowing pointer: UnsafePointer<Float>, count: Int, owner: AnyObject) {
        self.pointer = UnsafeMutablePointer(mutating: pointer)
        self.count = count
        self.owner = owner
    }

    deinit {
        if owner == nil { pointer.deallocate() }
    }

    /// An owned copy of the elements.
    func copy() -> TensorBuffer {
        let b = TensorBuffer(uninitializedCount: count)
        b.pointer.update(from: pointer, count: count)
        return b
    }
}
