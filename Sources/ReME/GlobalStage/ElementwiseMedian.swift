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
        if n >= histogramThreshold { return histogramMedian(values, convention: convention) }
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

    /// Runs at least this long use the histogram path.
    static let histogramThreshold = 16384
    static let histogramBits = 16

    /// An order-preserving map of a Float to UInt32 (negative numbers reversed).
    @inline(__always)
    static func key(_ x: Float) -> UInt32 {
        let bits = x.bitPattern
        let mask = UInt32(bitPattern: Int32(bitPattern: bits) >> 31) | 0x8000_0000
        return bits ^ mask
    }

    /// Exact median of a long run: a 2¹⁶-bucket histogram of the top key bits locates the
    /// bucket holding the middle element, its members are moved to the front, and quickselect
    /// runs on them only. Branch-light, so much faster than quickselect on long runs.
    static func histogramMedian(_ a: UnsafeMutableBufferPointer<Float>, convention: MedianConvention) -> Float {
        let n = a.count
        let shift = UInt32(32 - histogramBits)
        return withUnsafeTemporaryAllocation(of: Int32.self, capacity: 1 << histogramBits) { hist in
            hist.initialize(repeating: 0)
            for i in 0..<n { hist[Int(key(a[i]) >> shift)] &+= 1 }
            let upper = n / 2
            var bucket = 0, before = 0
            while before + Int(hist[bucket]) <= upper {
                before += Int(hist[bucket])
                bucket += 1
            }
            // Move the bucket's members to the front (a permutation: nothing is lost).
            var count = 0
            for i in 0..<n where Int(key(a[i]) >> shift) == bucket {
                a.swapAt(i, count)
                count += 1
            }
            let front = UnsafeMutableBufferPointer(rebasing: a[0..<count])
            let offset = upper - before
            let upperValue = select(front, k: offset)
            if n % 2 == 1 { return upperValue }
            var lower: Float
            if offset > 0 {
                lower = front[0]
                for i in 1..<offset where front[i] > lower { lower = front[i] }
            } else {
                // The lower middle is the largest value of the earlier buckets.
                lower = -.infinity
                for i in count..<n where Int(key(a[i]) >> shift) < bucket && a[i] > lower { lower = a[i] }
            }
            switch convention {
            case .meanOfMiddles: return (lower + upperValue) / 2
            case .lowerMiddle: return lower
            }
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
