/// Possibly overlapping binary masks (SAM's automatic masks), kept exactly and compactly as a
/// partition of the image into *cells* — maximal sets of pixels covered by the same masks — and,
/// for every mask, the cells it is made of.
///
/// Everything the method does with masks is linear in them, so it runs on cells: a mask's
/// pooled weights are the sum of its cells' weights, and Eq. 3 (`P_test(x, y) = Σ_i P_seg(i)·M(i, x, y)`)
/// is, for a pixel, the sum of the scores of the masks covering its cell. Memory is one label map
/// plus the membership lists, whatever the number of masks.
///
/// Pixels no mask covers are not dropped: every 4-connected component of them becomes one more
/// mask, appended after the given ones (`coveredMaskCount` tells where they start), so they are
/// classified like any other region instead of silently taking class 0.
public struct OverlappingMasks: Sendable, Equatable {
    /// The cells: ids `0..<cellCount` in raster order of first appearance.
    public let cells: SegmentLabels
    /// For each mask, the sorted ids of the cells it covers (never empty).
    public let maskCells: [[Int32]]
    /// The masks given (the rest are the components of uncovered pixels).
    public let coveredMaskCount: Int

    public var width: Int { cells.width }
    public var height: Int { cells.height }
    public var maskCount: Int { maskCells.count }
    public var cellCount: Int { cells.count }

    /// - Parameter masks: row-major `width × height` masks, non-zero = inside. Empty masks are
    ///   dropped (their index is not kept), so `maskCount` may be smaller than `masks.count`.
    public init(masks: [[UInt8]], width: Int, height: Int) throws(SegmentationError) {
        guard width > 0, height > 0 else { throw .emptyImage(width: width, height: height) }
        let n = width * height
        for (i, mask) in masks.enumerated() where mask.count != n {
            throw .invalidLabels("mask \(i) has \(mask.count) pixels, expected \(width)×\(height)")
        }
        // Refine the partition one mask at a time: each cell a mask touches splits into its
        // inside part (a new cell: the old cell's masks plus this one) and the rest.
        var cellOfPixel = [Int32](repeating: 0, count: n)
        var cellSets: [[Int32]] = [[]]
        var split: [Int32] = []
        var kept: [Int32] = []
        for (k, mask) in masks.enumerated() {
            split.removeAll(keepingCapacity: true)
            split.append(contentsOf: repeatElement(-1, count: cellSets.count))
            var touched = false
            let maskID = Int32(kept.count)
            mask.withUnsafeBufferPointer { m in
                cellOfPixel.withUnsafeMutableBufferPointer { cell in
                    for p in 0..<n where m[p] != 0 {
                        let old = Int(cell[p])
                        if split[old] < 0 {
                            split[old] = Int32(cellSets.count)
                            cellSets.append(cellSets[old] + [maskID])
                        }
                        cell[p] = split[old]
                        touched = true
                    }
                }
            }
            if touched { kept.append(Int32(k)) }
        }
        let covered = kept.count
        // Uncovered pixels (cells with no mask) become one extra mask per 4-connected component.
        var raw = cellOfPixel.map { cellSets[Int($0)].isEmpty ? -1 : $0 }
        var extra = 0
        UncoveredRegions.label(&raw, width: width) {
            cellSets.append([Int32(covered + extra)])
            extra += 1
            return Int32(cellSets.count - 1)
        }
        let cells = raw.withUnsafeBufferPointer {
            SegmentLabels(width: width, height: height, renumberingBounded: $0, bound: cellSets.count)
        }
        // Membership by the renumbered ids: read each cell's set off its first pixel.
        var setOfCell = [Int](repeating: -1, count: cells.count)
        for p in 0..<n where setOfCell[Int(cells.labels[p])] < 0 { setOfCell[Int(cells.labels[p])] = Int(raw[p]) }
        var maskCells = [[Int32]](repeating: [], count: covered + extra)
        for (cell, set) in setOfCell.enumerated() {
            for mask in cellSets[set] { maskCells[Int(mask)].append(Int32(cell)) }
        }
        self.cells = cells
        self.maskCells = maskCells
        self.coveredMaskCount = covered
    }

    /// `[maskCount, cellCount]` 0/1 membership, row-major: `M = membership · C` for cell
    /// indicators `C`, the product used to lift per-cell quantities to masks.
    public func membership() -> [Float] {
        var matrix = [Float](repeating: 0, count: maskCount * cellCount)
        for (k, cells) in maskCells.enumerated() {
            for c in cells { matrix[k * cellCount + Int(c)] = 1 }
        }
        return matrix
    }

    /// Pixel count of every mask.
    public func areas() -> [Int] {
        let cellAreas = cells.areas()
        return maskCells.map { $0.reduce(0) { $0 + cellAreas[Int($1)] } }
    }

    /// Inclusive-exclusive bounding box of every mask.
    public func boundingBoxes() -> [SegmentBox] {
        let cellBoxes = cells.boundingBoxes()
        return maskCells.map { list in
            var box = cellBoxes[Int(list[0])]
            for c in list.dropFirst() {
                let b = cellBoxes[Int(c)]
                box = SegmentBox(x0: min(box.x0, b.x0), y0: min(box.y0, b.y0), x1: max(box.x1, b.x1), y1: max(box.y1, b.y1))
            }
            return box
        }
    }

    /// Each mask as a selection over cell ids (`true` = the cell belongs to the mask).
    func cellSelection(mask k: Int) -> [Bool] {
        var selected = [Bool](repeating: false, count: cellCount)
        for c in maskCells[k] { selected[Int(c)] = true }
        return selected
    }

    /// Rows `[cellCount, columns]` from rows `[maskCount, columns]`: each cell's row is the sum
    /// of the rows of the masks covering it (Eq. 3 per cell).
    public func cellRows(fromMaskRows rows: UnsafeBufferPointer<Float>, columns: Int) -> [Float] {
        accumulate(rows, columns: columns, into: cellCount, maskToCell: true)
    }

    /// Rows `[maskCount, columns]` from rows `[cellCount, columns]`: each mask's row is the sum of
    /// its cells' rows (a mask's pooling weights from its cells').
    public func maskRows(fromCellRows rows: UnsafeBufferPointer<Float>, columns: Int) -> [Float] {
        accumulate(rows, columns: columns, into: maskCount, maskToCell: false)
    }

    private func accumulate(_ rows: UnsafeBufferPointer<Float>, columns: Int, into count: Int, maskToCell: Bool) -> [Float] {
        precondition(rows.count == (maskToCell ? maskCount : cellCount) * columns, "rows of the wrong size")
        var out = [Float](repeating: 0, count: count * columns)
        guard let source = rows.baseAddress else { return out }
        out.withUnsafeMutableBufferPointer { buffer in
            guard let target = buffer.baseAddress else { return }
            for (mask, cells) in maskCells.enumerated() {
                for cell in cells {
                    let (from, to) = maskToCell ? (mask, Int(cell)) : (Int(cell), mask)
                    let input = source + from * columns, output = target + to * columns
                    for j in 0..<columns { output[j] += input[j] }
                }
            }
        }
        return out
    }
}
