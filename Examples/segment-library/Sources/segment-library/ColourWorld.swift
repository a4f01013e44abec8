import Foundation
import ReME

// Stand-ins for the three models ReME needs, for when no pretrained weights are at hand. They
// know one thing, colour, which is enough to run the whole method for real: captions that name
// colours, segments whose crops "look like" a colour, and visual features that compare regions.
// Each conforms to the library's encoder protocol exactly as the CLIP / DINOv2 encoders do, so
// the rest of the program does not know which ones it runs with.

/// The basic colour terms and a prototype sRGB value for each.
enum ColourTerms {
    static let names = ["black", "white", "gray", "red", "orange", "yellow", "green", "blue", "purple", "pink", "brown"]
    static let prototypes: [RGB] = [
        RGB(0, 0, 0), RGB(255, 255, 255), RGB(128, 128, 128), RGB(200, 30, 30), RGB(240, 140, 20), RGB(235, 215, 40),
        RGB(50, 150, 50), RGB(40, 80, 200), RGB(130, 50, 160), RGB(240, 150, 180), RGB(120, 75, 35),
    ]
    /// Other spellings of the same colours; semantic enhancement finds these pairs on its own.
    static let synonyms = ["grey": "gray", "violet": "purple"]

    /// Index of the colour term a word names, if any.
    static func index(of word: String) -> Int? {
        names.firstIndex(of: synonyms[word] ?? word)
    }

    /// The colour term closest to an sRGB value.
    static func nearest(_ rgb: RGB) -> Int {
        var best = 0
        var bestDistance = Float.infinity
        for (i, p) in prototypes.enumerated() {
            let distance = rgb.squaredDistance(to: p)
            if distance < bestDistance {
                best = i
                bestDistance = distance
            }
        }
        return best
    }

    static func pixel(_ image: PixelImage, _ p: Int) -> RGB {
        let c = image.channels
        if c < 3 {
            let v = Float(image.pixels[p * c])
            return RGB(v, v, v)
        }
        return RGB(Float(image.pixels[p * c]), Float(image.pixels[p * c + 1]), Float(image.pixels[p * c + 2]))
    }
}

/// An sRGB colour, 0…255 per channel.
struct RGB {
    var r: Float
    var g: Float
    var b: Float

    init(_ r: Float, _ g: Float, _ b: Float) {
        self.r = r
        self.g = g
        self.b = b
    }

    func squaredDistance(to other: RGB) -> Float {
        let dr = r - other.r
        let dg = g - other.g
        let db = b - other.b
        return dr * dr + dg * dg + db * db
    }
}

/// Visits every (pixel, segment, weight) of a set of masks: label map, overlapping masks or
/// weight tensor alike.
func forEachMaskedPixel(_ masks: SegmentMasks, _ body: (_ pixel: Int, _ segment: Int, _ weight: Float) -> Void) {
    switch masks.storage {
    case .labelMap(let labels):
        for (p, l) in labels.enumerated() { body(p, Int(l), 1) }
    case .overlapping(let overlapping):
        var masksOfCell = [[Int]](repeating: [], count: overlapping.cellCount)
        for (k, cells) in overlapping.maskCells.enumerated() { for c in cells { masksOfCell[Int(c)].append(k) } }
        for (p, cell) in overlapping.cells.labels.enumerated() { for k in masksOfCell[Int(cell)] { body(p, k, 1) } }
    case .weights(let weights):
        let w = weights.scalars
        let n = masks.pixelCount
        for k in 0..<masks.count {
            for p in 0..<n where w[k * n + p] != 0 { body(p, k, w[k * n + p]) }
        }
    }
}

/// Stands in for the CLIP text tower: a text's embedding is the sum of the colour axes it names
/// (plus one axis for "names no colour"), L2-normalised. Prompt templates ("a photo of {}")
/// add nothing, so a class name and a caption phrase meet on the colour they name.
struct ColourTextEncoder: TextEncoder {
    var embeddingDimension: Int { ColourTerms.names.count + 1 }

    func encodeTexts(_ texts: [String]) throws -> Tensor {
        let d = embeddingDimension
        var data = [Float](repeating: 0, count: texts.count * d)
        for (i, text) in texts.enumerated() {
            var namesColour = false
            for word in text.lowercased().split(whereSeparator: { !$0.isLetter }) {
                if let c = ColourTerms.index(of: String(word)) {
                    data[i * d + c] += 1
                    namesColour = true
                }
            }
            if !namesColour { data[i * d + d - 1] = 1 }
        }
        return try Tensor(shape: [texts.count, d], data: data).l2NormalizedRows()
    }
}

/// Stands in for CLIP's image tower on masked crops: the segment's mean colour as soft
/// memberships of the colour terms, in the text encoder's space.
struct ColourCropEncoder: CropEncoder {
    var embeddingDimension: Int { ColourTerms.names.count + 1 }
    var softness: Float = 45

    func encodeCrops(image: PixelImage, masks: SegmentMasks) throws -> Tensor {
        var sums = [Float](repeating: 0, count: masks.count * 3)
        var weights = [Float](repeating: 0, count: masks.count)
        forEachMaskedPixel(masks) { p, k, w in
            let rgb = ColourTerms.pixel(image, p)
            sums[k * 3] += w * rgb.r
            sums[k * 3 + 1] += w * rgb.g
            sums[k * 3 + 2] += w * rgb.b
            weights[k] += w
        }
        let d = embeddingDimension
        var data = [Float](repeating: 0, count: masks.count * d)
        for k in 0..<masks.count {
            let w = max(weights[k], 1e-6)
            let mean = RGB(sums[k * 3] / w, sums[k * 3 + 1] / w, sums[k * 3 + 2] / w)
            for (c, prototype) in ColourTerms.prototypes.enumerated() {
                data[k * d + c] = Float(exp(Double(-mean.squaredDistance(to: prototype) / (2 * softness * softness))))
            }
        }
        return try Tensor(shape: [masks.count, d], data: data).l2NormalizedRows()
    }
}

/// Stands in for DINOv2's mask-pooled features: a 4×4×4 RGB histogram of the segment's pixels
/// (square-rooted, so the cosine of two features is their Bhattacharyya coefficient). It lives
/// in its own space, unrelated to text, as the real visual features do.
struct ColourHistogramEncoder: RegionEncoder {
    var featureDimension: Int { 64 }

    func encodeRegions(image: PixelImage, masks: SegmentMasks) throws -> Tensor {
        var data = [Float](repeating: 0, count: masks.count * featureDimension)
        forEachMaskedPixel(masks) { p, k, w in
            let rgb = ColourTerms.pixel(image, p)
            let bin = Int(rgb.r) / 64 * 16 + Int(rgb.g) / 64 * 4 + Int(rgb.b) / 64
            data[k * featureDimension + bin] += w
        }
        for i in data.indices { data[i] = data[i].squareRoot() }
        return try Tensor(shape: [masks.count, featureDimension], data: data).l2NormalizedRows()
    }
}

/// Stands in for the vision-language captioner: names the image's main colours the way a
/// caption would ("The image shows a lot of blue, some green and a little white."). Every other
/// image is captioned with British spellings, as captions from different sources would be.
func colourCaption(of image: PixelImage, number: Int) -> String {
    var counts = [Int](repeating: 0, count: ColourTerms.names.count)
    let pixels = image.width * image.height
    for p in 0..<pixels { counts[ColourTerms.nearest(ColourTerms.pixel(image, p))] += 1 }
    let named = counts.indices.filter { counts[$0] * 30 >= pixels }.sorted { counts[$0] > counts[$1] }.prefix(6)
    let british = number % 2 == 1 ? ["gray": "grey", "purple": "violet"] : [:]
    let parts = named.map { c -> String in
        let share = Double(counts[c]) / Double(pixels)
        let amount = share >= 0.3 ? "a lot of" : share >= 0.1 ? "some" : "a little"
        return "\(amount) \(british[ColourTerms.names[c]] ?? ColourTerms.names[c])"
    }
    guard let last = parts.last else { return "The image shows nothing in particular." }
    let list = parts.count == 1 ? last : parts.dropLast().joined(separator: ", ") + " and " + last
    return "The image shows \(list)."
}
