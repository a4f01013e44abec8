import ReMETensor

extension Tensor {
    /// `softmax(scale · rows · columnsᵀ)` over each row: how every row of `rows` [r, d]
    /// distributes over the rows of `columns` [c, d]. The form of both `A2` (τ₂, label
    /// embeddings against class embeddings) and the zero-reference `P_seg` (τ, crops against classes).
    static func softmaxOfSimilarities(_ rows: Tensor, _ columns: Tensor, scale: Float) throws(TensorError) -> Tensor {
        var logits = try Tensor.matmul(rows, columns, transposeB: true)
        logits.softmaxLastAxisInPlace(scale: scale)
        return logits
    }
}
