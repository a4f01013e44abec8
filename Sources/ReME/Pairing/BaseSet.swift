import ReMETensor

/// The base set of all images: segment features, interned phrases and roots, and the pairs.
///
/// Phrases are interned by (text, root), roots by string, so the global stage works on
/// integer ids.
public struct BaseSet: Sendable {
    public let featureDimension: Int
    /// `segmentCount × featureDimension` visual features, row-major.
    public private(set) var features: [Float] = []
    public private(set) var segmentCount = 0
    public private(set) var roots: [String] = []
    public private(set) var phraseTexts: [String] = []
    public private(set) var phraseRoot: [Int32] = []
    public var pairs = PairTable()
    public private(set) var imageCount = 0

    private var rootIDs: [String: Int32] = [:]
    private var phraseIDs: [RootedPhrase: Int32] = [:]

    public init(featureDimension: Int, reservingSegments: Int = 0) {
        self.featureDimension = featureDimension
        features.reserveCapacity(reservingSegments * featureDimension)
    }

    public var phraseCount: Int { phraseTexts.count }

    public func phrase(_ id: Int32) -> RootedPhrase {
        RootedPhrase(text: phraseTexts[Int(id)], root: roots[Int(phraseRoot[Int(id)])])
    }

    /// Interns a root string.
    public mutating func rootID(_ root: String) -> Int32 {
        if let id = rootIDs[root] { return id }
        let id = Int32(roots.count)
        roots.append(root)
        rootIDs[root] = id
        return id
    }

    /// Interns a phrase (with its root).
    public mutating func phraseID(_ phrase: RootedPhrase) -> Int32 {
        if let id = phraseIDs[phrase] { return id }
        let id = Int32(phraseTexts.count)
        phraseTexts.append(phrase.text)
        phraseRoot.append(rootID(phrase.root))
        phraseIDs[phrase] = id
        return id
    }

    /// Appends one segment's features; returns its id.
    public mutating func appendSegment(_ row: UnsafeBufferPointer<Float>) throws(MethodError) -> Int32 {
        guard row.count == featureDimension else {
            throw .shapeMismatch(what: "segment feature", expected: "[\(featureDimension)]", found: [row.count])
        }
        features.append(contentsOf: row)
        segmentCount += 1
        return Int32(segmentCount - 1)
    }

    /// Appends the record initial pairing produced for one image.
    public mutating func append(_ image: BaseSetImage) throws(MethodError) {
        let f = image.segmentFeatures
        guard f.rank == 2, f.shape[0] == image.keptCount, f.shape[1] == featureDimension || image.keptCount == 0 else {
            throw .shapeMismatch(what: "base-set segment features", expected: "[\(image.keptCount), \(featureDimension)]",
                                 found: f.shape)
        }
        guard image.pairedSegment.count == image.phrases.count, image.pairScore.count == image.phrases.count else {
            throw .invalidParameter(name: "pairedSegment", value: "\(image.pairedSegment.count) entries",
                                    expected: "one per phrase (\(image.phrases.count))")
        }
        let first = Int32(segmentCount)
        if image.keptCount > 0 {
            f.withUnsafeBufferPointer { features.append(contentsOf: $0) }
            segmentCount += image.keptCount
        }
        for (j, phrase) in image.phrases.enumerated() {
            let local = image.pairedSegment[j]
            guard local >= 0, local < image.keptCount else {
                throw .invalidParameter(name: "pairedSegment[\(j)]", value: "\(local)", expected: "0..<\(image.keptCount)")
            }
            pairs.append(segment: first + Int32(local), phrase: phraseID(phrase), score: image.pairScore[j])
        }
        imageCount += 1
    }

    /// Sets the image count for base sets assembled segment by segment.
    public mutating func setImageCount(_ n: Int) { imageCount = n }
}
