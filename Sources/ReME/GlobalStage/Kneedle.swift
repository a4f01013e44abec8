/// Knee of a descending curve with the offline Kneedle method (Satopää et al., 2011).
///
/// Variant: the points `(i, y_i)` are normalised to `[0, 1]` on both axes
/// (`x = i/(n−1)`, `ŷ = (y − min)/(max − min)`); for a convex, decreasing curve the difference
/// curve is `d_i = (1 − x_i) − ŷ_i`, the height of the chord from the first to the last point
/// above the curve. The knee is the global maximum of `d` (first index on ties). This is
/// Kneedle with `online = false` and the sensitivity `S` irrelevant, because only the most
/// prominent knee is used; a knee is reported only where `d` exceeds `minimumDifference`.
public enum Kneedle {
    /// Returns the knee index in `values` (which must be sorted descending), or nil where
    /// there are fewer than three points, the curve is flat, or no point lies below the chord
    /// by more than `minimumDifference`.
    public static func kneeOfDescendingCurve(_ values: [Double], minimumDifference: Double = 1e-9) -> Int? {
        let n = values.count
        guard n >= 3, let hi = values.first, let lo = values.last, hi > lo else { return nil }
        var best = -Double.infinity
        var bestIndex = 0
        for i in 0..<n {
            let x = Double(i) / Double(n - 1)
            let y = (values[i] - lo) / (hi - lo)
            let d = (1 - x) - y
            if d > best {
                best = d
                bestIndex = i
            }
        }
        return best > minimumDifference ? bestIndex : nil
    }
}
