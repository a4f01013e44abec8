import CKernels
import Foundation

extension Tensor {
    /// Shape that results from NumPy-style broadcasting of `a` and `b`.
    static func broadcastShape(_ a: [Int], _ b: [Int], operation: String) throws(TensorError) -> [Int] {
        let rank = max(a.count, b.count)
        var out = [Int](repeating: 1, count: rank)
        for i in 0..<rank {
            let da = i < rank - a.count ? 1 : a[i - (rank - a.count)]
            let db = i < rank - b.count ? 1 : b[i - (rank - b.count)]
            guard da == db || da == 1 || db == 1 else {
                throw .shapeMismatch(operation: operation, lhs: a, rhs: b)
            }
            out[i] = da == 1 ? db : da
        }
        return out
    }

    /// Element strides of `shape` when broadcast to `target` (0 on broadcast axes).
    private static func broadcastStrides(_ shape: [Int], to target: [Int]) -> [Int] {
        let pad = target.count - shape.count
        var strides = [Int](repeating: 0, count: target.count)
        var s = 1
        for i in stride(from: shape.count - 1, through: 0, by: -1) {
            strides[i + pad] = shape[i] == 1 ? 0 : s
            s *= shape[i]
        }
        return strides
    }

    static func broadcasting(
        _ a: Tensor, _ b: Tensor, operation: String, _ f: (Float, Float) -> Float
    ) throws(TensorError) -> Tensor {
        let shape = try broadcastShape(a.shape, b.shape, operation: operation)
        return a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                Tensor(uninitialized: shape) { po in
                    broadcast(pa, shape: a.shape, pb, shape: b.shape, into: po, shape: shape, f)
                }
            }
        }
    }

    private static func broadcast(
        _ pa: UnsafeBufferPointer<Float>, shape aShape: [Int], _ pb: UnsafeBufferPointer<Float>, shape bShape: [Int],
        into po: UnsafeMutableBufferPointer<Float>, shape: [Int], _ f: (Float, Float) -> Float
    ) {
        let n = po.count
        if aShape == bShape {
            for i in 0..<n { po[i] = f(pa[i], pb[i]) }
            return
        }
        // Fast path: b repeats along the leading axes of a (bias-style).
        if aShape == shape, pb.count > 0, shape.suffix(bShape.count) == bShape[...] {
            let inner = pb.count
            for r in 0..<(n / inner) {
                let row = r * inner
                for j in 0..<inner { po[row + j] = f(pa[row + j], pb[j]) }
            }
            return
        }
        let sa = broadcastStrides(aShape, to: shape), sb = broadcastStrides(bShape, to: shape)
        var index = [Int](repeating: 0, count: shape.count)
        var ia = 0, ib = 0
        for o in 0..<n {
            po[o] = f(pa[ia], pb[ib])
            var axis = shape.count - 1
            while axis >= 0 {
                index[axis] += 1
                ia += sa[axis]; ib += sb[axis]
                if index[axis] < shape[axis] { break }
                ia -= sa[axis] * shape[axis]; ib -= sb[axis] * shape[axis]
                index[axis] = 0
                axis -= 1
            }
        }
    }

    public static func + (a: Tensor, b: Tensor) throws(TensorError) -> Tensor {
        try broadcasting(a, b, operation: "add", +)
    }
    public static func - (a: Tensor, b: Tensor) throws(TensorError) -> Tensor {
        try broadcasting(a, b, operation: "subtract", -)
    }
    public static func * (a: Tensor, b: Tensor) throws(TensorError) -> Tensor {
        try broadcasting(a, b, operation: "multiply", *)
    }

    /// In-place `self += other` where `other` has the same shape.
    public mutating func add(_ other: Tensor) throws(TensorError) {
        guard other.shape == shape else {
            throw .shapeMismatch(operation: "add", lhs: shape, rhs: other.shape)
        }
        other.withUnsafeBufferPointer { q in
            withUnsafeMutableBufferPointer { p in
                for i in 0..<p.count { p[i] += q[i] }
            }
        }
    }

    public func map(_ f: (Float) -> Float) -> Tensor {
        withUnsafeBufferPointer { p in
            Tensor(uninitialized: shape) { o in
                for i in 0..<o.count { o[i] = f(p[i]) }
            }
        }
    }

    public mutating func apply(_ f: (Float) -> Float) {
        withUnsafeMutableBufferPointer { p in
            for i in 0..<p.count { p[i] = f(p[i]) }
        }
    }

    public func scaled(by s: Float) -> Tensor { map { $0 * s } }
}

/// Activation functions as used by the reference implementations.
public enum Activation: String, Sendable, CaseIterable {
    /// Exact GELU, `0.5·x·(1 + erf(x/√2))` (PyTorch's default, DINOv2's "gelu").
    case gelu
    /// CLIP's `x·σ(1.702·x)`.
    case quickGELU = "quick_gelu"
    case relu
    case silu

    @inline(__always)
    public func callAsFunction(_ x: Float) -> Float {
        switch self {
        case .gelu: return 0.5 * x * (1 + FastMath.erf(x * 0.70710678118654752))
        case .quickGELU: return x / (1 + FastMath.exp(-1.702 * x))
        case .relu: return max(x, 0)
        case .silu: return x / (1 + FastMath.exp(-x))
        }
    }
}

extension Activation {
    /// Applies the activation in place to `count` floats, with the case chosen once outside
    /// the loop so each loop compiles to SIMD code.
    public func apply(to p: UnsafeMutablePointer<Float>, count: Int) {
        switch self {
        case .gelu where FastMath.hasAVX2: reme_gelu_avx2(p, count)
        case .gelu: for i in 0..<count { p[i] = Activation.gelu(p[i]) }
        case .quickGELU: for i in 0..<count { p[i] = Activation.quickGELU(p[i]) }
        case .relu: for i in 0..<count { p[i] = max(p[i], 0) }
        case .silu: for i in 0..<count { p[i] = Activation.silu(p[i]) }
        }
    }
}

extension Tensor {
    public mutating func applyActivation(_ activation: Activation) {
        withUnsafeMutableBufferPointer { p in
            guard let base = p.baseAddress else { return }
            activation.apply(to: base, count: p.count)
        }
    }
}
