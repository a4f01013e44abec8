import ArgumentParser
import Foundation
import ReME

struct RefsetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "refset", abstract: "Inspect reference sets.", subcommands: [RefsetInfoCommand.self])
}

struct RefsetInfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Print a reference set's size, most frequent roots, per-stage statistics and provenance.")

    @Argument(help: "Reference set (safetensors).") var refset: String
    @Option(help: "How many of the most frequent roots to list.") var top = 15
    @Flag(help: "Print everything as JSON.") var json = false

    func run() throws {
        let r = try ReferenceSetCodec.read(refset)
        let topRoots = r.topRoots(top)
        let st = r.statistics
        if json {
            let object = r.summary(top: top)
            let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
            print(String(decoding: data, as: UTF8.self))
            return
        }
        print("\(refset)")
        print("  segments \(r.segmentCount) × \(r.segmentEmbeddings.shape.last ?? 0), phrases \(r.phraseCount) × "
              + "\(r.labelEmbeddings.shape.last ?? 0), roots \(Set(r.roots).count), pairs \(r.assignment.indices.count)")
        print("  built from \(st.images) images")
        print("stages (pairs):")
        print("  base set               \(st.basePairs) pairs, \(st.baseSegments) segments")
        print("  ambiguous-label filter −\(st.ambiguousRemovedPairs)  dropped roots: "
              + (st.ambiguousDroppedRoots.isEmpty ? "none" : st.ambiguousDroppedRoots.joined(separator: ", ")))
        print("  group-based filter     −\(st.groupRemovedPairs)")
        if st.clipScoreRemovedPairs > 0 { print("  clip-score filter      −\(st.clipScoreRemovedPairs)") }
        print("  semantic enhancement   +\(st.enhancementAddedPairs)"
              + (st.synonymPairs.isEmpty ? "" : "  e.g. " + st.synonymPairs.prefix(5).map { $0.joined(separator: "~") }.joined(separator: ", ")))
        print("most frequent roots:")
        for (root, count) in topRoots { print("  \(count)\t\(root)") }
        print("provenance:")
        for (k, v) in r.provenance.sorted(by: { $0.key < $1.key }) { print("  \(k): \(v)") }
    }
}
