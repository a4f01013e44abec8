import Foundation
import ReME
import ReMETestSupport

/// A generated world in which the truth is known, for testing the method's logic without
/// pretrained weights.
///
/// Images are 24×24 grids of 6×6 cells; each cell is one segment and shows one class. Pixels
/// carry the truth: red = class id, green/blue = image number (so toy encoders can recover
/// the class and seed their noise). Captions name the classes present (by their name or a
/// synonym, with modifiers), sometimes hallucinate a class that is absent, and always mention
/// the abstract words "scene", "image" and "background".
struct SyntheticWorld {
    struct Class { let name: String; let synonym: String? }

    static let classes: [Class] = [
        Class(name: "cat", synonym: "kitten"), Class(name: "dog", synonym: "puppy"),
        Class(name: "car", synonym: "automobile"), Class(name: "road", synonym: "street"),
        Class(name: "tree", synonym: nil), Class(name: "grass", synonym: nil),
        Class(name: "sky", synonym: nil), Class(name: "person", synonym: nil),
    ]
    static let abstractPhrases = [("the scene", "scene"), ("this image", "image"), ("the background", "background")]
    static let modifiers = ["small", "large", "red", "dark", "bright", "fluffy", "old", "wet"]
    static let side = 24, cell = 6

    struct Image {
        let pixels: PixelImage
        let masks: SegmentMasks
        let groundTruth: [Int32]
        let phrases: [RootedPhrase]
    }

    var hallucinationRate: Double = 0.35

    /// Image `number` of the world (deterministic).
    func image(_ number: Int) throws -> Image {
        var rng = SeededGenerator(seed: UInt64(number) &+ 0xABCDEF)
        let grid = Self.side / Self.cell
        let present = Array(Array(0..<Self.classes.count).shuffled(using: &rng).prefix(Int.random(in: 2...4, using: &rng)))
        var cellClass = (0..<(grid * grid)).map { _ in present.randomElement(using: &rng)! }
        for (i, c) in present.enumerated() { cellClass[i] = c }  // every present class shows up
        cellClass.shuffle(using: &rng)
        var labels = [Int32](repeating: 0, count: Self.side * Self.side)
        var truth = labels
        var rgb = [UInt8](repeating: 0, count: Self.side * Self.side * 3)
        for y in 0..<Self.side {
            for x in 0..<Self.side {
                let segment = (y / Self.cell) * grid + x / Self.cell
                let p = y * Self.side + x
                labels[p] = Int32(segment)
                truth[p] = Int32(cellClass[segment])
                rgb[p * 3] = UInt8(cellClass[segment])
                rgb[p * 3 + 1] = UInt8(number & 0xFF)
                rgb[p * 3 + 2] = UInt8((number >> 8) & 0xFF)
            }
        }
        var phrases: [RootedPhrase] = []
        for c in present {
            let cls = Self.classes[c]
            let word = cls.synonym.map { Bool.random(using: &rng) ? $0 : cls.name } ?? cls.name
            phrases.append(RootedPhrase(text: "a \(Self.modifiers.randomElement(using: &rng)!) \(word)", root: word))
        }
        if Double.random(in: 0..<1, using: &rng) < hallucinationRate {
            let absent = (0..<Self.classes.count).filter { !present.contains($0) }.randomElement(using: &rng)!
            phrases.append(RootedPhrase(text: "a \(Self.classes[absent].name)", root: Self.classes[absent].name))
        }
        for (text, root) in Self.abstractPhrases { phrases.append(RootedPhrase(text: text, root: root)) }
        phrases.shuffle(using: &rng)
        return Image(pixels: PixelImage(width: Self.side, height: Self.side, channels: 3, pixels: rgb),
                     masks: try SegmentMasks(width: Self.side, height: Self.side, labels: labels),
                     groundTruth: truth, phrases: phrases)
    }

    /// Per mask: (class id, image number), read back from the pixels.
    static func truth(of image: PixelImage, masks: SegmentMasks) -> [(cls: Int, image: Int)] {
        guard case let .labelMap(labels) = masks.storage else { return [] }
        var out = [(cls: Int, image: Int)](repeating: (0, 0), count: masks.count)
        for (p, l) in labels.enumerated() {
            out[Int(l)] = (Int(image.pixels[p * 3]), Int(image.pixels[p * 3 + 1]) | Int(image.pixels[p * 3 + 2]) << 8)
        }
        return out
    }
}

/// Fixed pseudo-random unit vector per string.
func wordVector(_ word: String, dimension: Int, salt: UInt64) -> [Float] {
    var h: UInt64 = 1469598103934665603 ^ salt
    for b in word.utf8 { h = (h ^ UInt64(b)) &* 1099511628211 }
    return noiseVector(seed: h, dimension: dimension)
}

/// A unit vector from a seed: normalised sums of uniforms (cheap, near-Gaussian directions).
func noiseVector(seed: UInt64, dimension: Int) -> [Float] {
    var rng = SeededGenerator(seed: seed)
    var v = [Float](repeating: 0, count: dimension)
    for j in 0..<dimension {
        var s: Float = 0
        let r = rng.next()
        // Sum of two uniforms from one draw: a triangular, roughly isotropic direction.
        s = Float(r >> 40) * (1.0 / 16_777_216) + Float(r & 0xFF_FFFF) * (1.0 / 16_777_216) - 1
        v[j] = s
    }
    return normalized(v)
}

/// Toy CLIP text tower: a phrase is the sum of its root word's vector and (weaker) modifier
/// vectors; a synonym's vector is its class name's vector plus noise (cosine ≈ 0.75).
struct ToyTextEncoder: TextEncoder {
    let embeddingDimension = 64
    static let stopWords: Set<String> = ["a", "an", "the", "this", "of", "is", "there", "in", "photo"]
    let modifierWeight: Float = 0.6

    static let vocabulary: [String: [Float]] = {
        var table: [String: [Float]] = [:]
        var words = SyntheticWorld.modifiers + SyntheticWorld.abstractPhrases.map(\.1)
        for c in SyntheticWorld.classes { words.append(c.name); if let s = c.synonym { words.append(s) } }
        for w in words { table[w] = ToyTextEncoder().computeVector(forWord: w) }
        return table
    }()

    func vector(forWord word: String) -> [Float] {
        Self.vocabulary[word] ?? computeVector(forWord: word)
    }

    func computeVector(forWord word: String) -> [Float] {
        for cls in SyntheticWorld.classes where cls.synonym == word {
            let base = wordVector(cls.name, dimension: embeddingDimension, salt: 1)
            let noise = wordVector(word, dimension: embeddingDimension, salt: 2)
            return normalized(zip(base, noise).map { $0 + 0.85 * $1 })
        }
        return wordVector(word, dimension: embeddingDimension, salt: 1)
    }

    func encodeTexts(_ texts: [String]) throws -> Tensor {
        var data: [Float] = []
        data.reserveCapacity(texts.count * embeddingDimension)
        for text in texts {
            let words = text.lowercased().split(separator: " ").map(String.init).filter { !Self.stopWords.contains($0) }
            var v = [Float](repeating: 0, count: embeddingDimension)
            for (i, w) in words.enumerated() {
                let weight: Float = i == words.count - 1 ? 1 : modifierWeight
                for (j, x) in vector(forWord: w).enumerated() { v[j] += weight * x }
            }
            data += normalized(v)
        }
        return try Tensor(shape: [texts.count, embeddingDimension], data: data)
    }
}

/// Toy CLIP masked-crop encoder: the class name's text vector plus heavy noise, so the
/// cross-modal pairing is often wrong, plus a share of a co-occurring class's vector (CLIP
/// confuses cat/dog, car/road, tree/grass), so some wrong pairs score high.
struct ToyCropEncoder: CropEncoder {
    let embeddingDimension = 64
    var noise: Float = 1.1
    var confusion: Float = 0.8
    static let confuser = [1, 0, 3, 2, 5, 4, 6, 7]

    func encodeCrops(image: PixelImage, masks: SegmentMasks) throws -> Tensor {
        var data: [Float] = []
        for (i, t) in SyntheticWorld.truth(of: image, masks: masks).enumerated() {
            let own = ToyTextEncoder.vocabulary[SyntheticWorld.classes[t.cls].name] ?? []
            let other = ToyTextEncoder.vocabulary[SyntheticWorld.classes[Self.confuser[t.cls]].name] ?? []
            let base = zip(own, other).map { $0 + confusion * $1 }
            let n = noiseVector(seed: UInt64(t.image * 1000 + i) &+ 77, dimension: embeddingDimension)
            data += normalized(zip(base, n).map { $0 + noise * $1 })
        }
        return try Tensor(shape: [masks.count, embeddingDimension], data: data)
    }
}

/// Toy DINOv2: a class prototype plus moderate noise (reliable within the visual modality).
struct ToyRegionEncoder: RegionEncoder {
    let featureDimension = 24
    var noise: Float = 1.2
    static let prototypes = (0..<SyntheticWorld.classes.count).map { wordVector("prototype-\($0)", dimension: 24, salt: 3) }

    func encodeRegions(image: PixelImage, masks: SegmentMasks) throws -> Tensor {
        var data: [Float] = []
        for (i, t) in SyntheticWorld.truth(of: image, masks: masks).enumerated() {
            let base = Self.prototypes[t.cls]
            let n = noiseVector(seed: UInt64(t.image * 1000 + i) &+ 991, dimension: featureDimension)
            data += normalized(zip(base, n).map { $0 + noise * $1 })
        }
        return try Tensor(shape: [masks.count, featureDimension], data: data)
    }
}
