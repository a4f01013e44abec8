/// Nearest-neighbour resizing of a row-major grid of values (label maps, class maps) with
/// pixel-centre alignment: output index `i` reads source `⌊(i + 0.5) · in / out⌋`, as PyTorch's
/// `nearest-exact` and PIL's `NEAREST`. The one nearest resizer of the project.
public enum NearestResize {
    /// `values` is `width × height`; returns `toWidth × toHeight` values (empty for an empty side).
    public static func resize<T>(_ values: [T], width: Int, height: Int, toWidth: Int, toHeight: Int) -> [T] {
        precondition(values.count == width * height, "grid size differs from width × height")
        guard toWidth > 0, toHeight > 0, width > 0, height > 0 else { return [] }
        if toWidth == width && toHeight == height { return values }
        let xs = sourceIndices(out: toWidth, in: width)
        let ys = sourceIndices(out: toHeight, in: height)
        var resized = [T]()
        resized.reserveCapacity(toWidth * toHeight)
        for y in 0..<toHeight {
            let row = ys[y] * width
            for x in 0..<toWidth { resized.append(values[row + xs[x]]) }
        }
        return resized
    }

    /// The source index each of `out` positions reads along an axis of `input` positions.
    static func sourceIndices(out: Int, in input: Int) -> [Int] {
        let scale = Double(input) / Double(out)
        return (0..<out).map { min(Int((Double($0) + 0.5) * scale), input - 1) }
    }
}
