import Foundation
import ReME
import ReMETestSupport

/// Toy CLIP text tower of a `RealisticWorld`: a phrase is its root's vector plus
/// `modifierWeight` × its modifiers' vectors, L2-normalised.
///
/// Parsing: the prompt templates of `PromptEnsemble.reme` are stripped, articles dropped, the
/// longest word suffix that is a known root is the root and the words before it are modifiers
/// (unknown words get hashed random vectors, so a phrase rewritten by some later stage still
/// encodes).
struct RealisticTextEncoder: TextEncoder {
    let vocabulary: RealisticVocabulary
    var modifierWeight: Float = 0.6
    var embeddingDimension: Int { vocabulary.settings.textDimension }

    static let templatePrefixes = ["this is a photo of ", "a photo of ", "there is "]
    static let templateSuffix = " in the scene"

    func encodeTexts(_ texts: [String]) throws -> Tensor {
        var data: [Float] = []
        data.reserveCapacity(texts.count * embeddingDimension)
        for text in texts { data.append(contentsOf: vector(for: text)) }
        return try Tensor(shape: [texts.count, embeddingDimension], data: data)
    }

    func vector(for text: String) -> [Float] {
        var s = Substring(text.lowercased())
        for prefix in Self.templatePrefixes where s.hasPrefix(prefix) {
            s = s.dropFirst(prefix.count)
            break
        }
        if s.hasSuffix(Self.templateSuffix) { s = s.dropLast(Self.templateSuffix.count) }
        let phrase = String(s)
        return vocabulary.textCache.value(for: phrase) { parse(phrase) }
    }

    /// The vector of a phrase without template words.
    private func parse(_ phrase: String) -> [Float] {
        let words = phrase.split(separator: " ").filter { !RealisticVocabulary.articles.contains(String($0)) }
        guard !words.isEmpty else { return word(phrase) }
        var rootLength = 1
        var rootVector: [Float]?
        for n in stride(from: min(vocabulary.longestRoot, words.count), through: 1, by: -1) {
            if let v = vocabulary.rootVectors[words.suffix(n).joined(separator: " ")] {
                rootLength = n
                rootVector = v
                break
            }
        }
        var v = rootVector ?? word(String(words[words.count - 1]))
        for m in words.dropLast(rootLength) {
            let mv = vocabulary.modifierVectors[String(m)] ?? word(String(m))
            for j in v.indices { v[j] += modifierWeight * mv[j] }
        }
        return normalized(v)
    }

    private func word(_ w: String) -> [Float] {
        wordVector(w, dimension: embeddingDimension, salt: vocabulary.settings.seed &+ 23)
    }
}

/// Toy CLIP masked-crop tower: the segment's class text vector plus `noise` × a random unit
/// vector (seeded by image and segment), so initial pairing is mostly but not always right
/// and synonyms pair less reliably than class names.
struct RealisticCropEncoder: CropEncoder {
    let vocabulary: RealisticVocabulary
    /// `RealisticWorld.Settings.cropNoise`.
    let noise: Float
    var embeddingDimension: Int { vocabulary.settings.textDimension }

    func encodeCrops(image: PixelImage, masks: SegmentMasks) throws -> Tensor {
        try noisySegmentRows(image: image, masks: masks, vectors: vocabulary.classTextVectors, dimension: embeddingDimension,
                             noise: noise, salt: 0xC11B)
    }
}

/// Toy DINOv2: the segment's class prototype plus `noise` × a random unit vector; reliable
/// within the visual modality, independent of the text vectors.
struct RealisticRegionEncoder: RegionEncoder {
    let vocabulary: RealisticVocabulary
    /// `RealisticWorld.Settings.regionNoise`.
    let noise: Float
    var featureDimension: Int { vocabulary.settings.regionDimension }

    func encodeRegions(image: PixelImage, masks: SegmentMasks) throws -> Tensor {
        try noisySegmentRows(image: image, masks: masks, vectors: vocabulary.prototypes, dimension: featureDimension,
                             noise: noise, salt: 0xD1A0)
    }
}

/// One row per segment: the vector of the segment's true visual class plus `noise` × a
/// direction seeded by image, segment and `salt` (the toy towers differ only in the vectors
/// and the salt).
func noisySegmentRows(image: PixelImage, masks: SegmentMasks, vectors: [[Float]], dimension d: Int,
                      noise: Float, salt: UInt64) throws -> Tensor {
    var data: [Float] = []
    data.reserveCapacity(masks.count * d)
    for (i, t) in try RealisticWorld.truth(of: image, masks: masks).enumerated() {
        appendNoisy(vectors[t.visualClass], noise: noise, seed: RealisticWorld.segmentSeed(image: t.image, segment: i, salt: salt), to: &data)
    }
    return try Tensor(shape: [masks.count, d], data: data)
}

/// Appends `normalize(base + noise · u)` to `out`, where `u` is a window of
/// `NoiseTable.values` chosen by `seed` (a near-unit random direction). A precomputed table
/// and raw pointers because the 10 000-image world calls this for every segment in debug
/// builds.
func appendNoisy(_ base: [Float], noise: Float, seed: UInt64, to out: inout [Float]) {
    let d = base.count
    let start = out.count
    out.append(contentsOf: base)
    let offset = Int(truncatingIfNeeded: (seed &* 0x9E37_79B9_7F4A_7C15) >> 24) % (NoiseTable.count - d)
    let scale = noise * (6 / Float(d)).squareRoot()  // table entries have variance 1/6
    out.withUnsafeMutableBufferPointer { buffer in
        NoiseTable.values.withUnsafeBufferPointer { table in
            guard let o = buffer.baseAddress.map({ $0 + start }), let t = table.baseAddress.map({ $0 + offset }) else { return }
            var squares: Float = 0
            for j in 0..<d {
                let v = o[j] + scale * t[j]
                o[j] = v
                squares += v * v
            }
            let inverse: Float = squares > 0 ? 1 / squares.squareRoot() : 0
            for j in 0..<d { o[j] *= inverse }
        }
    }
}

/// 2²⁰ fixed pseudo-random values (sums of two uniforms on [-1, 1], variance 1/6): the
/// noise the toy image encoders take windows of.
enum NoiseTable {
    static let count = 1 << 20
    static let values: [Float] = {
        var rng = SeededGenerator(seed: 0x5EED_7AB1E)
        return (0..<count).map { _ in
            let r = rng.next()
            return Float(r >> 40) * (1.0 / 16_777_216) + Float(r & 0xFF_FFFF) * (1.0 / 16_777_216) - 1
        }
    }()
}
