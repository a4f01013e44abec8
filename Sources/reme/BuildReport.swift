import Foundation
import ReME

/// The human-readable summaries `reme build` prints.
enum BuildReport {
    static func printShard(_ s: ShardSummary, shard: BuildShard, captions: Int) {
        var line = "images: \(s.processedNow) processed now, \(s.alreadyDone) already done; pairs so far: \(s.pairs)"
        if !s.skipped.isEmpty { line += "; skipped: \(s.skipped.count)" }
        print(line)
        for item in s.skipped.prefix(20) { print("  skipped \(item.image): \(item.reason)") }
        if s.skipped.count > 20 { print("  … and \(s.skipped.count - 20) more (see the work folder's records)") }
    }

    static func printReference(_ r: ReferenceSet, path: String, seconds: Double, skipped: [(image: String, reason: String)]) {
        let st = r.statistics
        print("reference set: \(path)")
        print("  segments \(r.segmentCount), phrases \(r.phraseCount), roots \(Set(r.roots).count) "
              + "(global stage \(String(format: "%.2f", seconds)) s)")
        print("  base pairs \(st.basePairs); ambiguous filter −\(st.ambiguousRemovedPairs) "
              + "(roots: \(st.ambiguousDroppedRoots.prefix(8).joined(separator: ", "))); group filter −\(st.groupRemovedPairs)"
              + (st.clipScoreRemovedPairs > 0 ? "; clip-score filter −\(st.clipScoreRemovedPairs)" : "")
              + "; enhancement +\(st.enhancementAddedPairs)")
        if !skipped.isEmpty { print("  images skipped: \(skipped.count)") }
    }
}
