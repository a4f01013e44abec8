/// The PASCAL VOC colour map used by VOC / mmsegmentation label PNGs.
public enum VOCPalette {
    /// `count` RGB triples (flattened): bit k of the class id sets bit 7 − ⌊k/3⌋ of red,
    /// green or blue for k mod 3 = 0, 1, 2. Class 0 is black, 1 is (128, 0, 0), 255 is (224, 224, 192).
    public static func colors(count: Int = 256) -> [UInt8] {
        var rgb = [UInt8](repeating: 0, count: 3 * max(count, 0))
        for index in 0..<max(count, 0) {
            var id = index
            var r = 0, g = 0, b = 0
            for bit in 0..<8 {
                r |= (id & 1) << (7 - bit)
                g |= ((id >> 1) & 1) << (7 - bit)
                b |= ((id >> 2) & 1) << (7 - bit)
                id >>= 3
            }
            rgb[3 * index] = UInt8(r & 0xFF)
            rgb[3 * index + 1] = UInt8(g & 0xFF)
            rgb[3 * index + 2] = UInt8(b & 0xFF)
        }
        return rgb
    }
}
