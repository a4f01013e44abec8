import Foundation

/// A thread-safe dictionary for values computed once per key (per label list), holding at most
/// `capacity` entries: a long-running caller (`reme serve`) sees unboundedly many label lists, so
/// the oldest entry is dropped when a new one would exceed the bound.
public final class LockedCache<Key: Hashable & Sendable, Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [Key: Value] = [:]
    /// Keys in insertion order (first is evicted first).
    private var order: [Key] = []
    public let capacity: Int

    /// - Parameter capacity: entries kept (at least 1); the default keeps every entry.
    public init(capacity: Int = .max) { self.capacity = max(1, capacity) }

    /// The cached value, or `make()`'s result stored under `key`. Two callers racing on a new
    /// key may both compute it; the values are equal, so either is kept.
    public func value(for key: Key, _ make: () throws -> Value) rethrows -> Value {
        lock.lock()
        let cached = entries[key]
        lock.unlock()
        if let cached { return cached }
        let value = try make()
        lock.lock()
        if entries.updateValue(value, forKey: key) == nil {
            order.append(key)
            while order.count > capacity { entries[order.removeFirst()] = nil }
        }
        lock.unlock()
        return value
    }

    public var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return entries.count
    }
}
