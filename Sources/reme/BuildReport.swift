import Foundation
import ReME

/// The human-readable summaries `reme build` prints.
enum BuildReport {
    static func printShard(_ s: ShardSummary) {
        print(shardLine(s))
        list(s.skipped.map { "skipped \($0.image): \($0.reason)" })
        if !s.dropped.isEmpty {
            print("\(s.dropped.count) image\(s.dropped.count == 1 ? "" : "s") no longer in the input: dropped")
            list(s.dropped.map { "dropped \($0)" })
        }
        if !s.withoutCaption.isEmpty {
            print("\(s.withoutCaption.count) image\(s.withoutCaption.count == 1 ? "" : "s") in the folder "
                  + "\(s.withoutCaption.count == 1 ? "has" : "have") no caption: not part of the build")
            list(s.withoutCaption.map { "no caption: \($0)" })
        }
    }

    /// E.g. `images: 5 processed now (2 new, 3 recomputed: 2 caption changed, 1 image changed), 31 reused; pairs: 210`.
    static func shardLine(_ s: ShardSummary) -> String {
        var why: [String] = []
        if s.new > 0 { why.append("\(s.new) new") }
        if s.recomputedCount > 0 {
            let reasons = RecomputeReason.allCases.compactMap { r in s.recomputed[r].map { "\($0) \(r)" } }
            why.append("\(s.recomputedCount) recomputed: " + reasons.joined(separator: ", "))
        }
        var line = "images: \(s.processedNow) processed now" + (why.isEmpty ? "" : " (\(why.joined(separator: ", ")))")
            + ", \(s.reused) reused; pairs: \(s.pairs)"
        if !s.skipped.isEmpty { line += "; skipped: \(s.skipped.count)" }
        return line
    }

    private static func list(_ lines: [String], limit: Int = 20) {
        for line in lines.prefix(limit) { print("  " + line) }
        if lines.count > limit { print("  … and \(lines.count - limit) more") }
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
