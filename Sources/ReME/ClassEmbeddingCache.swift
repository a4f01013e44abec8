import Foundation
import ReMETensor

/// Prompt-ensemble class embeddings, computed once per label list and reused (an evaluation
/// segments thousands of images with the same labels).
public final class ClassEmbeddingCache: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [[String]: Tensor] = [:]
    public let prompts: PromptEnsemble

    public init(prompts: PromptEnsemble = .reme) { self.prompts = prompts }

    /// `[labels.count, d]` normalised embeddings of `labels`.
    public func embeddings(for labels: [String], encoder: some TextEncoder) throws -> Tensor {
        lock.lock()
        let cached = entries[labels]
        lock.unlock()
        if let cached { return cached }
        let e = try prompts.embed(labels, with: encoder)
        lock.lock()
        entries[labels] = e
        lock.unlock()
        return e
    }

    public var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return entries.count
    }
}
