/// Which palette entry each class of an overlay is drawn with (docs/images.md, "Colours").
///
/// Entry 0 of the palette (black in the VOC palette) is kept for an explicit background class:
/// the background class gets entry 0 and the other classes take entries 1, 2, 3, … in class-id
/// order, skipping entry 0 when they wrap around the palette. Without a background class, class
/// `c` gets entry `c + 1`, so no class is drawn black; with the background at class 0 (the VOC
/// convention) class `c` gets entry `c`, the colours of the indexed prediction PNG. A palette of
/// one entry colours every class with it.
public enum ClassColors {
    /// The palette entry of `classID` (≥ 0) in a palette of `paletteEntries` (≥ 1) RGB triples.
    public static func paletteIndex(classID: Int, backgroundClass: Int?, paletteEntries: Int) -> Int {
        precondition(paletteEntries > 0 && classID >= 0)
        if classID == backgroundClass || paletteEntries == 1 { return 0 }
        let rank = backgroundClass.map { classID > $0 ? classID - 1 : classID } ?? classID
        return 1 + rank % (paletteEntries - 1)
    }

    /// The colour of every class `0 ..< classCount` (palette: flattened RGB triples, at least one).
    public static func colors(classCount: Int, palette: [UInt8], backgroundClass: Int?) -> [RGBColor] {
        let entries = palette.count / 3
        return (0..<max(classCount, 0)).map {
            RGBColor(palette: palette, index: paletteIndex(classID: $0, backgroundClass: backgroundClass, paletteEntries: entries))
        }
    }
}
