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

extension Tensor {
    /// Calls `body` with the first element's address of each tensor (nil for an absent one), in
    /// order, for kernels that read many tensors at once without a closure per tensor. The
    /// addresses are valid only during the call.
    public static func withBaseAddresses<R>(_ tensors: [Tensor?], _ body: ([UnsafePointer<Float>?]) -> R) -> R {
        var addresses: [UnsafePointer<Float>?] = []
        addresses.reserveCapacity(tensors.count)
        return nested(tensors[...], &addresses, body)
    }

    private static func nested<R>(_ rest: ArraySlice<Tensor?>, _ addresses: inout [UnsafePointer<Float>?],
                                  _ body: ([UnsafePointer<Float>?]) -> R) -> R {
        guard let first = rest.first else { return body(addresses) }
        return first.withOptionalBufferPointer { (p: UnsafeBufferPointer<Float>?) -> R in
            addresses.append(p?.baseAddress)
            return nested(rest.dropFirst(), &addresses, body)
        }
    }
}
