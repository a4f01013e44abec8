/// Pixels no segment covers, marked −1 in a raw id map, grouped into 4-connected regions.
enum UncoveredRegions {
    /// Gives every 4-connected region of `−1` pixels in `raw` (row-major, `width` columns) the id
    /// `newID()` returns when the region is first met, in raster order.
    static func label(_ raw: inout [Int32], width: Int, newID: () -> Int32) {
        var stack: [Int] = []
        let n = raw.count
        for start in 0..<n where raw[start] == -1 {
            let id = newID()
            raw[start] = id
            stack.append(start)
            while let i = stack.popLast() {
                let x = i % width
                if x > 0, raw[i - 1] == -1 { raw[i - 1] = id; stack.append(i - 1) }
                if x < width - 1, raw[i + 1] == -1 { raw[i + 1] = id; stack.append(i + 1) }
                if i >= width, raw[i - width] == -1 { raw[i - width] = id; stack.append(i - width) }
                if i + width < n, raw[i + width] == -1 { raw[i + width] = id; stack.append(i + width) }
            }
        }
    }
}
