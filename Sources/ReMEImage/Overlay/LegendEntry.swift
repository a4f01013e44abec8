/// One class present in a prediction, as listed in an overlay legend.
public struct LegendEntry: Sendable, Equatable {
    public var classID: Int
    public var name: String
    public var color: RGBColor
    /// Pixels labelled with this class.
    public var pixelCount: Int
    /// All pixels of the class map, labelled or not; the share's denominator.
    public var totalPixels: Int

    public init(classID: Int, name: String, color: RGBColor, pixelCount: Int, totalPixels: Int) {
        self.classID = classID
        self.name = name
        self.color = color
        self.pixelCount = pixelCount
        self.totalPixels = totalPixels
    }

    /// Fraction of all pixels labelled with this class.
    public var share: Double { totalPixels > 0 ? Double(pixelCount) / Double(totalPixels) : 0 }

    /// The share as a percentage with one decimal ("41.2%"); "<0.1%" for a present class that rounds to zero.
    public var shareText: String {
        guard totalPixels > 0 else { return "0.0%" }
        let tenths = (pixelCount * 1000 + totalPixels / 2) / totalPixels
        if tenths == 0 && pixelCount > 0 { return "<0.1%" }
        return "\(tenths / 10).\(tenths % 10)%"
    }

    /// Classes present in `classMap` with their pixel counts, largest share first (ties: lower id first).
    /// Negative ids are unlabelled pixels: counted in the total, not listed. Colours follow
    /// `ClassColors`: palette entry 0 only for `backgroundClass`.
    public static func entries(classMap: [Int32], classNames: [String],
                               palette: [UInt8] = VOCPalette.colors(count: 256),
                               backgroundClass: Int? = nil) throws(ClassOverlayError) -> [LegendEntry] {
        guard !palette.isEmpty, palette.count % 3 == 0 else { throw .invalidPalette(count: palette.count) }
        if let backgroundClass, !classNames.indices.contains(backgroundClass) {
            throw .backgroundClassOutOfRange(backgroundClass, classCount: classNames.count)
        }
        let colors = ClassColors.colors(classCount: classNames.count, palette: palette, backgroundClass: backgroundClass)
        var counts = [Int](repeating: 0, count: classNames.count)
        let classCount = classNames.count
        var outOfRange: (id: Int32, pixel: Int)?
        classMap.withUnsafeBufferPointer { ids in
            counts.withUnsafeMutableBufferPointer { counts in
                for pixel in 0..<ids.count {
                    let id = Int(ids[pixel])
                    if id < 0 { continue }
                    if id >= classCount { outOfRange = (ids[pixel], pixel); return }
                    counts[id] += 1
                }
            }
        }
        if let bad = outOfRange { throw .classOutOfRange(classID: bad.id, pixel: bad.pixel, classCount: classCount) }
        return counts.indices
            .filter { counts[$0] > 0 }
            .sorted { counts[$0] != counts[$1] ? counts[$0] > counts[$1] : $0 < $1 }
            .map { LegendEntry(classID: $0, name: classNames[$0], color: colors[$0],
                               pixelCount: counts[$0], totalPixels: classMap.count) }
    }
}
