extension Optional where Wrapped == Tensor {
    /// Calls `body` with the tensor's elements, or with `nil` when there is no tensor (an
    /// optional weight or bias read alongside other tensors).
    public func withOptionalBufferPointer<R, E: Error>(
        _ body: (UnsafeBufferPointer<Float>?) throws(E) -> R
    ) throws(E) -> R {
        switch self {
        case let .some(tensor): try tensor.withUnsafeBufferPointer { (p) throws(E) in try body(p) }
        case .none: try body(nil)
        }
    }
}
