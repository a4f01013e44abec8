import Foundation

/// A thread-safe dictionary for values computed once per key (per label list).
public final class LockedCache<Key: Hashable & Sendable, Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [Key: Value] = [:]

    public init() {}

    /// The cached value, or `make()`'s result stored under `key`. Two callers racing on a new
    /// key may both compute it; the values are equal, so either is kept.
    public func value(for key: Key, _ make: () throws -> Value) rethrows -> Value {
        lock.lock()
        let cached = entries[key]
        lock.unlock()
        if let cached { return cached }
        let value = try make()
        lock.lock()
        entries[key] = value
        lock.unlock()
        return value
    }

    public var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return entries.count
    }
}
