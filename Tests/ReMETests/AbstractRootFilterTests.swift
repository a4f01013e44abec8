import Testing
@testable import ReME
import ReMETestSupport

/// A base set whose visual truth is known: each concrete root's segments are its class
/// prototype plus noise; an abstract root's segments are taken from every class at random.
struct GroupWorld {
    var base = BaseSet(featureDimension: 32)
    var rng = SeededGenerator(seed: 77)
    var prototypes: [String: [Float]] = [:]

    mutating func segment(like cls: String, noise: Float = 0.35) throws -> Int32 {
        if prototypes[cls] == nil { prototypes[cls] = normalized(rng.gaussianVector(32)) }
        let p = prototypes[cls] ?? []
        let row = normalized(zip(p, rng.gaussianVector(32)).map { $0 + noise * $1 / Float(32).squareRoot() * 4 })
        return try row.withUnsafeBufferPointer { try base.appendSegment($0) }
    }

    mutating func pair(_ root: String, segments: [Int32]) {
        let p = base.phraseID(RootedPhrase(text: "the \(root)", root: root))
        for s in segments { base.pairs.append(segment: s, phrase: p, score: 0) }
    }

    /// `count` segments of `cls`, paired with `root`.
    mutating func concrete(_ root: String, count: Int, cls: String? = nil) throws {
        pair(root, segments: try (0..<count).map { _ in try segment(like: cls ?? root) })
    }

    /// `count` segments of classes drawn from `classes`, paired with `root`.
    mutating func spread(_ root: String, count: Int, over classes: [String]) throws {
        var segments: [Int32] = []
        for i in 0..<count { segments.append(try segment(like: classes[i % classes.count])) }
        pair(root, segments: segments)
    }
}

@Suite struct AbstractRootFilterTests {
    static let classes = ["man", "dog", "car", "sky", "grass", "road", "table", "tree"]

    static func world() throws -> GroupWorld {
        var w = GroupWorld()
        for (i, c) in classes.enumerated() { try w.concrete(c, count: 40 - 3 * i) }
        try w.spread("image", count: 60, over: classes)        // meta: any segment
        try w.spread("background", count: 30, over: ["sky", "grass", "road", "tree", "man"])
        try w.spread("left", count: 20, over: classes)
        try w.spread("picture", count: 12, over: classes)      // lexically a thing, visually random
        try w.concrete("day", count: 3, cls: "sky")            // no physical sense at all
        try w.spread("corner", count: 3, over: classes)        // small, positional, random: dropped
        try w.spread("edge", count: 2, over: classes)          // too few to judge: kept
        try w.concrete("puppy", count: 5, cls: "dog")          // small, coherent: kept
        return w
    }

    @Test func dropsIncoherentAndAbstractRootsAndKeepsEveryClass() throws {
        let w = try Self.world()
        let filter = AbstractRootFilter()
        let result = try filter.apply(to: w.base.pairs, in: w.base)
        #expect(Set(result.droppedRoots) == ["image", "background", "left", "picture", "day", "corner"])
        let verdicts = try filter.verdicts(for: w.base.pairs, in: w.base)
        #expect(verdicts["day"] == .lexicallyAbstract)
        #expect(verdicts["edge"] == .tooFewToJudge)
        guard case .judgedSmall(_, _, true)? = verdicts["corner"] else {
            Issue.record("corner: \(String(describing: verdicts["corner"]))")
            return
        }
        guard case .judgedSmall(_, _, false)? = verdicts["puppy"] else {
            Issue.record("puppy: \(String(describing: verdicts["puppy"]))")
            return
        }
        for c in Self.classes {
            guard case let .judged(ratio, threshold, dropped)? = verdicts[c] else {
                Issue.record("\(c) was not judged: \(String(describing: verdicts[c]))")
                continue
            }
            #expect(!dropped && ratio < threshold - 0.2, "\(c): ratio \(ratio), threshold \(threshold)")
        }
        if case let .judged(ratio, _, _)? = verdicts["image"] { #expect(ratio > 0.9) }
        // Pairs of dropped roots are gone, the others untouched.
        let survivors = Set(result.pairs.phrase.map { w.base.phrase($0).root })
        #expect(survivors == Set(Self.classes + ["edge", "puppy"]))
    }

    @Test func listsOverrideTheEvidence() throws {
        let w = try Self.world()
        let filter = AbstractRootFilter(alwaysDrop: ["dog", "corner"], alwaysKeep: ["image", "corner"])
        let dropped = Set(try filter.apply(to: w.base.pairs, in: w.base).droppedRoots)
        #expect(dropped == ["dog", "background", "left", "picture", "day"])
    }

    @Test func theThresholdFollowsTheLexicalEvidence() throws {
        let w = try Self.world()
        let verdicts = try AbstractRootFilter().verdicts(for: w.base.pairs, in: w.base)
        guard case let .judged(_, manThreshold, _)? = verdicts["man"],
              case let .judged(_, leftThreshold, _)? = verdicts["left"] else {
            Issue.record("man and left must be judged")
            return
        }
        // "man" is a person in almost every sense, "left" a position: less evidence drops "left".
        #expect(manThreshold > leftThreshold + 0.05)
    }

    @Test func badSettingsAreRefused() throws {
        let w = try Self.world()
        #expect(throws: MethodError.self) { try AbstractRootFilter(minimumJudgedGroup: 1).apply(to: w.base.pairs, in: w.base) }
    }

    @Test func theGlobalStageUsesItByDefault() {
        #expect(GlobalStageConfiguration().ambiguousFilter is AbstractRootFilter)
        #expect(GlobalStageConfiguration().enhancement?.kSim == nil)
        #expect(GlobalStageConfiguration().reassignment == nil)
    }
}

@Suite struct LabelReassignmentTests {
    @Test func aRejectedSegmentJoinsTheGroupItResembles() throws {
        var w = GroupWorld()
        try w.concrete("dog", count: 20)
        try w.concrete("cat", count: 20)
        // Captioned "cat" but showing a dog: the group filter rejects it from "cat".
        let stray = try w.segment(like: "dog", noise: 0.2)
        w.pair("cat", segments: [stray])
        // And one that resembles nothing.
        let odd = try w.segment(like: "sofa", noise: 0.2)
        w.pair("cat", segments: [odd])
        var base = w.base
        let filtered = try GroupFilter(rate: .fixed(0.1)).apply(to: base.pairs, in: base)
        #expect(Set(filtered.rejected.segment).isSuperset(of: [stray, odd]))
        let added = try LabelReassignment().apply(rejected: filtered.rejected, kept: filtered.pairs, in: &base)
        let straysNewRoots = (0..<added.count).filter { added.segment[$0] == stray }.map { base.phrase(added.phrase[$0]) }
        #expect(straysNewRoots == [RootedPhrase(text: "dog", root: "dog")])
        #expect(!added.segment.contains(odd))
    }

    @Test func theGlobalStageAddsTheReassignedPairs() throws {
        var w = GroupWorld()
        try w.concrete("dog", count: 20)
        try w.concrete("cat", count: 20)
        w.pair("cat", segments: [try w.segment(like: "dog", noise: 0.2)])
        let encoder = TableTextEncoder(embeddingDimension: 8, table: [:])
        let plain = try GlobalStage.run(w.base, textEncoder: encoder, configuration: .init(
            ambiguousFilter: nil, groupFilter: GroupFilter(rate: .fixed(0.1)), enhancement: nil))
        let reassigned = try GlobalStage.run(w.base, textEncoder: encoder, configuration: .init(
            ambiguousFilter: nil, groupFilter: GroupFilter(rate: .fixed(0.1)), enhancement: nil,
            reassignment: LabelReassignment()))
        #expect(reassigned.statistics.reassignedPairs >= 1)
        #expect(reassigned.segmentEmbeddings.shape[0] > plain.segmentEmbeddings.shape[0])
        #expect(reassigned.phrases.contains("dog"))
    }
}
