import ReMETensor
import ReMETestSupport
import Testing
@testable import ReMEModels

/// The mask decoder's folded cross-attentions (`SAMFoldedAttention`) against the plain ones
/// (project the image, then `Attention.cross`) on random weights: the same numbers up to float
/// rounding, for per-prompt and shared images, with and without biases.
struct SAMFoldedAttentionTests {
    static let width = 32, inner = 16, heads = 4, tokens = 3, rows = 50, batch = 3

    static func layer(_ rng: inout SeededGenerator, in a: Int, out b: Int, bias: Bool) -> LinearLayer {
        LinearLayer(weight: tensor([b, a], &rng), bias: bias ? tensor([b], &rng) : nil)
    }

    static func tensor(_ shape: [Int], _ rng: inout SeededGenerator) -> Tensor {
        (try? Tensor(shape: shape, data: rng.uniformVector(shape.reduce(1, *)))) ?? Tensor(zeros: shape)
    }

    static func attention(_ rng: inout SeededGenerator, bias: Bool) -> SAMDecoderAttention {
        SAMDecoderAttention(query: layer(&rng, in: width, out: inner, bias: bias), key: layer(&rng, in: width, out: inner, bias: bias),
                            value: layer(&rng, in: width, out: inner, bias: bias),
                            output: layer(&rng, in: inner, out: width, bias: bias), heads: heads)
    }

    static func expectClose(_ a: Tensor, _ b: Tensor, _ what: String) {
        #expect(a.shape == b.shape, "\(what): \(a.shape) vs \(b.shape)")
        let worst = zip(a.scalars, b.scalars).map { abs($0 - $1) }.max() ?? .infinity
        #expect(worst < 2e-5, "\(what): largest difference \(worst)")
    }

    @Test(arguments: [true, false])
    func foldedAttentionsMatchTheProjectedOnes(bias: Bool) throws {
        var rng = SeededGenerator(seed: bias ? 11 : 12)
        let a = Self.attention(&rng, bias: bias)
        #expect(a.foldsImageProjections(tokens: Self.tokens))
        let positions = Self.tensor([Self.rows, Self.width], &rng)
        let perPrompt = SAMDecoderImage(plain: Self.tensor([Self.batch, Self.rows, Self.width], &rng), positions: positions)
        let shared = SAMDecoderImage(plain: Self.tensor([1, Self.rows, Self.width], &rng), positions: positions)
        let queries = Self.tensor([Self.batch, Self.tokens, Self.width], &rng)
        let values = Self.tensor([Self.batch, Self.tokens, Self.width], &rng)

        // Tokens → image.
        let projected = try a.query(queries)
        let plainTokens = try a.output(try Attention.cross(q: projected, k: try a.key(perPrompt.positioned),
                                                           v: try a.value(perPrompt.plain), heads: Self.heads))
        Self.expectClose(try a.tokensToImage(queries: queries, image: perPrompt), plainTokens, "tokens to image")

        // Image → tokens, per-prompt and shared image.
        for image in [perPrompt, shared] {
            let keys = try a.key(queries), vals = try a.value(values)
            let projected = try a.output(try Attention.cross(q: try a.query(image.positioned), k: keys, v: vals, heads: Self.heads))
            let expected = SAMTwoWayLayer.adding(image.plain, to: projected)
            let (update, outputBias) = try a.imageToTokens(image: image, positionedTokens: queries, tokens: values)
            var got = SAMTwoWayLayer.adding(image.plain, to: update).scalars
            if let outputBias {
                for i in got.indices { got[i] += outputBias.scalars[i % Self.width] }
            }
            Self.expectClose(try Tensor(shape: expected.shape, data: got), expected,
                             image.isShared ? "image to tokens, shared image" : "image to tokens")
        }
    }

    @Test func manyTokensKeepTheProjectedPath() {
        var rng = SeededGenerator(seed: 13)
        let a = Self.attention(&rng, bias: true)
        #expect(!a.foldsImageProjections(tokens: Self.inner / Self.heads))
        #expect(a.foldsImageProjections(tokens: Self.inner / Self.heads - 1))
    }
}
