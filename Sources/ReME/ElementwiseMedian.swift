/// How the median of an even number of values is taken.
public enum MedianConvention: String, Sendable, Codable {
    /// Mean of the two middle values (numpy.median).
    case meanOfMiddles
    /// The lower of the two middle values (torch.median).
    case lowerMiddle
}

enum Selection {
    /// The median of `values` (reordered in place), in O(n) expected time.
    static func median(_ values: UnsafeMutableBufferPointer<Float>, convention: MedianConvention) -> Float {
        let n = values.count
        precondition(n > 0)
        let upper = n / 2
        let upperValue = select(values, k: upper)
        if n % 2 == 1 { return upperValue }
        // After selection every element before `upper` is ≤ the upper middle.
        var lower = values[0]
        for i in 1..<upper where values[i] > lower { lower = values[i] }
        switch convention {
        case .meanOfMiddles: return (lower + upperValue) / 2
        case .lowerMiddle: return lower
        }
    }

    /// Quickselect (Hoare partition, median-of-three pivot): the value that would be at index
    /// `k` after sorting; afterwards elements before `k` are ≤ it and after `k` are ≥ it.
    static func select(_ a: UnsafeMutableBufferPointer<Float>, k: Int) -> Float {
        var lo = 0, hi = a.count - 1
        while hi > lo {
            let mid = lo + (hi - lo) / 2
            if a[mid] < a[lo] { a.swapAt(mid, lo) }
            if a[hi] < a[lo] { a.swapAt(hi, lo) }
            if a[hi] < a[mid] { a.swapAt(hi, mid) }
            let pivot = a[mid]
            var i = lo, j = hi
            while i <= j {
                while a[i] < pivot { i += 1 }
                while a[j] > pivot { j -= 1 }
                if i <= j {
                    a.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            if k <= j { hi = j } else if k >= i { lo = i } else { return a[k] }
        }
        return a[k]
    }
}
