import Foundation
import ReME
import Testing

/// The per-label-list cache keeps at most `capacity` entries (oldest dropped first), so a
/// long-running server's memory stays bounded whatever label lists its clients send.
@Suite struct LockedCacheTests {
    @Test func keepsAtMostItsCapacityDroppingTheOldest() {
        let cache = LockedCache<[String], Int>(capacity: 3)
        var computed = 0
        for i in 0..<10 { _ = cache.value(for: ["label \(i)"]) { computed += 1; return i } }
        #expect(cache.count == 3 && computed == 10)
        #expect(cache.value(for: ["label 9"]) { -1 } == 9, "a recent entry is still cached")
        #expect(cache.value(for: ["label 0"]) { -1 } == -1, "the oldest was dropped and is computed again")
    }

    @Test func isUnboundedByDefaultAndSafeUnderConcurrency() async {
        let cache = LockedCache<[String], Int>()
        await withTaskGroup(of: Void.self) { group in
            for t in 0..<8 {
                group.addTask { for i in 0..<200 { _ = cache.value(for: ["\(i)", "\(t % 1)"]) { i } } }
            }
        }
        #expect(cache.count == 200)
    }
}
