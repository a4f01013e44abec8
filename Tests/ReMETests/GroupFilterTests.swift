import Testing
@testable import ReME
import ReMETestSupport

@Suite struct MedianTests {
    @Test func oddAndEvenCounts() {
        var odd: [Float] = [5, 1, 4, 2, 3]
        var even: [Float] = [4, 1, 3, 2]
        #expect(odd.withUnsafeMutableBufferPointer { Selection.median($0, convention: .meanOfMiddles) } == 3)
        #expect(even.withUnsafeMutableBufferPointer { Selection.median($0, convention: .meanOfMiddles) } == 2.5)
        var even2: [Float] = [4, 1, 3, 2]
        #expect(even2.withUnsafeMutableBufferPointer { Selection.median($0, convention: .lowerMiddle) } == 2)
    }

    @Test func histogramPathMatchesSorting() {
        var rng = SeededGenerator(seed: 23)
        for n in [16384, 20001] {
            for kind in 0..<4 {
                var values: [Float] = (0..<n).map { _ in
                    switch kind {
                    case 0: return rng.gaussian() * 0.03 + 0.01     // like a feature dimension
                    case 1: return Float(Int.random(in: -3...3, using: &rng))  // heavy ties
                    case 2: return Bool.random(using: &rng) ? 0 : Float.random(in: -1...1, using: &rng) * 1e-30  // zeros and tiny values
                    default: return Float.random(in: -5...5, using: &rng)
                    }
                }
                let sorted = values.sorted()
                for convention in [MedianConvention.meanOfMiddles, .lowerMiddle] {
                    let expected = n % 2 == 1 ? sorted[n / 2]
                        : convention == .lowerMiddle ? sorted[n / 2 - 1] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
                    var copy = values
                    let got = copy.withUnsafeMutableBufferPointer { Selection.median($0, convention: convention) }
                    #expect(got == expected, "n \(n) kind \(kind)")
                    if convention == .lowerMiddle { #expect(copy.sorted() == sorted) }  // a permutation
                }
                values.removeAll()
            }
        }
    }

    @Test func quickselectMatchesSortingOnRandomData() {
        var rng = SeededGenerator(seed: 7)
        for n in [1, 2, 3, 10, 101, 1000] {
            var values = (0..<n).map { _ in Float(Int.random(in: 0..<20, using: &rng)) }  // many ties
            let sorted = values.sorted()
            let expected = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
            #expect(values.withUnsafeMutableBufferPointer { Selection.median($0, convention: .meanOfMiddles) } == expected)
        }
    }
}

@Suite struct GroupFilterTests {
    /// One root group of `good` segments near e₀ and `bad` outliers near e₁.
    func base(good: Int, bad: Int, dim: Int = 8, seed: UInt64 = 3) throws -> (BaseSet, Set<Int32>) {
        var rng = SeededGenerator(seed: seed)
        var base = BaseSet(featureDimension: dim)
        let p = base.phraseID(RootedPhrase(text: "a cat", root: "cat"))
        var outliers = Set<Int32>()
        for i in 0..<(good + bad) {
            var v = rng.gaussianVector(dim).map { $0 * 0.1 }
            v[i < good ? 0 : 1] += 1
            let s = try normalized(v).withUnsafeBufferPointer { try base.appendSegment($0) }
            base.pairs.append(segment: s, phrase: p, score: 0)
            if i >= good { outliers.insert(s) }
        }
        return (base, outliers)
    }

    @Test func dropsTheLeastSimilarThirtyPercentFloored() throws {
        let (b, outliers) = try base(good: 14, bad: 6)  // ⌊0.3·20⌋ = 6
        let r = try GroupFilter().apply(to: b.pairs, in: b)
        #expect(r.droppedMembers == 6)
        #expect(Set(r.pairs.segment).isDisjoint(with: outliers))
        #expect(r.pairs.count == 14)
    }

    @Test func smallGroupsAreKept() throws {
        for n in 1...3 {
            let (b, _) = try base(good: n, bad: 0)
            #expect(try GroupFilter().apply(to: b.pairs, in: b).pairs.count == n)
        }
        let (b4, _) = try base(good: 4, bad: 0)
        #expect(try GroupFilter().apply(to: b4.pairs, in: b4).pairs.count == 3)
    }

    @Test func spreadScaledRateFollowsGroupSpread() throws {
        // Group "cat" is tight, group "blob" is spread: the blob loses the maximum rate (50 %).
        var rng = SeededGenerator(seed: 11)
        var b = BaseSet(featureDimension: 6)
        let cat = b.phraseID(RootedPhrase(text: "a cat", root: "cat"))
        let blob = b.phraseID(RootedPhrase(text: "a blob", root: "blob"))
        for i in 0..<40 {
            var v = rng.gaussianVector(6)
            if i < 20 { v = v.map { $0 * 0.05 }; v[0] += 1 }
            let s = try normalized(v).withUnsafeBufferPointer { try b.appendSegment($0) }
            b.pairs.append(segment: s, phrase: i < 20 ? cat : blob, score: 0)
        }
        let r = try GroupFilter(rate: .spreadScaled(maxRate: 0.5)).apply(to: b.pairs, in: b)
        let keptBlob = r.pairs.phrase.filter { $0 == blob }.count
        let keptCat = r.pairs.phrase.filter { $0 == cat }.count
        #expect(keptBlob == 10)
        #expect(keptCat >= 19)
        #expect(throws: MethodError.self) { try GroupFilter(rate: .fixed(1.5)).apply(to: b.pairs, in: b) }
    }

    @Test func threadCountDoesNotChangeTheResult() throws {
        var rng = SeededGenerator(seed: 13)
        var b = BaseSet(featureDimension: 5)
        let phrases = (0..<7).map { b.phraseID(RootedPhrase(text: "w\($0)", root: "r\($0 % 5)")) }
        for _ in 0..<300 {
            let s = try normalized(rng.gaussianVector(5)).withUnsafeBufferPointer { try b.appendSegment($0) }
            b.pairs.append(segment: s, phrase: phrases[Int.random(in: 0..<7, using: &rng)], score: 0)
        }
        let one = try GroupFilter(threads: 1).apply(to: b.pairs, in: b).pairs
        for t in [2, 3, 8] { #expect(try GroupFilter(threads: t).apply(to: b.pairs, in: b).pairs == one) }
        #expect(one.count < b.pairs.count)
    }

    @Test func largeGroupsMatchANaiveReference() throws {
        var rng = SeededGenerator(seed: 17)
        let d = 40  // more than one 32-dimension chunk
        var b = BaseSet(featureDimension: d)
        let big = b.phraseID(RootedPhrase(text: "the scene", root: "scene"))
        let smallPhrase = b.phraseID(RootedPhrase(text: "a cat", root: "cat"))
        var rows: [[Float]] = []
        for i in 0..<700 {
            let v = normalized(rng.gaussianVector(d))
            rows.append(v)
            let s = try v.withUnsafeBufferPointer { try b.appendSegment($0) }
            b.pairs.append(segment: s, phrase: i < 650 ? big : smallPhrase, score: 0)
        }
        // Naive: sorted medians, cosines, drop ⌊0.3·g⌋ lowest (later id first on ties).
        var expectedKept = Set<Int32>()
        for (range, _) in [(0..<650, big), (650..<700, smallPhrase)] {
            var centre = [Float](repeating: 0, count: d)
            for j in 0..<d {
                let column = range.map { rows[$0][j] }.sorted()
                let n = column.count
                centre[j] = n % 2 == 1 ? column[n / 2] : (column[n / 2 - 1] + column[n / 2]) / 2
            }
            let cn = centre.reduce(0) { $0 + $1 * $1 }.squareRoot()
            let cos = range.map { i in (i, zip(rows[i], centre).reduce(0) { $0 + $1.0 * $1.1 } / cn) }
            let order = cos.sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 > $1.0 }
            for (i, _) in order.dropFirst(Int(0.3 * Double(range.count))) { expectedKept.insert(Int32(i)) }
        }
        for t in [1, 2, 5] {
            let kept = try GroupFilter(threads: t).apply(to: b.pairs, in: b).pairs
            #expect(Set(kept.segment) == expectedKept)
        }
    }

    @Test func clipScoreBaselineDropsLowestScores() throws {
        var b = BaseSet(featureDimension: 1)
        let p = b.phraseID(RootedPhrase(text: "a cat", root: "cat"))
        for i in 0..<10 {
            let s = try [Float(1)].withUnsafeBufferPointer { try b.appendSegment($0) }
            b.pairs.append(segment: s, phrase: p, score: Float(i))
        }
        let kept = try ClipScoreFilter(rate: 0.3).apply(to: b.pairs, in: b)
        #expect(kept.score == [3, 4, 5, 6, 7, 8, 9])
    }
}
