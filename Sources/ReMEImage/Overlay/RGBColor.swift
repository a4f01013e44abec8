/// An 8-bit RGB colour for drawing into a `PixelImage`.
public struct RGBColor: Sendable, Hashable {
    public var red: UInt8
    public var green: UInt8
    public var blue: UInt8

    public init(red: UInt8, green: UInt8, blue: UInt8) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// Entry `index` of a flattened RGB palette (3 bytes per entry), wrapping around its length.
    /// The palette must hold at least one full entry.
    public init(palette: [UInt8], index: Int) {
        let entries = palette.count / 3
        precondition(entries > 0, "palette holds no RGB entry")
        let wrapped = ((index % entries) + entries) % entries
        self.init(red: palette[3 * wrapped], green: palette[3 * wrapped + 1], blue: palette[3 * wrapped + 2])
    }

    public static let white = RGBColor(red: 255, green: 255, blue: 255)
    public static let black = RGBColor(red: 0, green: 0, blue: 0)

    /// ITU-R BT.601 luma, as used when drawing into a gray image.
    var luma: UInt8 {
        let weighted: Int = 299 * Int(red) + 587 * Int(green) + 114 * Int(blue)
        return UInt8((weighted + 500) / 1000)
    }
}
