import ReMETensor

/// Prompt-ensemble class embeddings, computed once per label list and reused (an evaluation
/// segments thousands of images with the same labels).
public final class ClassEmbeddingCache: Sendable {
    private let cache: LockedCache<[String], Tensor>
    public let prompts: PromptEnsemble

    /// - Parameter capacity: label lists kept (the oldest is dropped first); default: all.
    public init(prompts: PromptEnsemble = .reme, capacity: Int = .max) {
        self.prompts = prompts
        cache = LockedCache(capacity: capacity)
    }

    /// `[labels.count, d]` normalised embeddings of `labels`.
    public func embeddings(for labels: [String], encoder: some TextEncoder) throws -> Tensor {
        try cache.value(for: labels) { try prompts.embed(labels, with: encoder) }
    }

    public var count: Int { cache.count }
}
