// segment-library: ReME used as a library, the way an application would use it.
//
//   segment-library --references PATH... --image IMAGE --output PRED.png [--overlay OVERLAY.png]
//                   [--labels "red, green, blue"] [--refset REFSET.safetensors]
//                   [--clip MODEL --visual MODEL] [--short-side 448]
//
// 1. Builds a reference set from the reference images (files or folders): segments, captions,
//    noun phrases, initial pairing, then the global stage (docs/specification.md, Part 1).
// 2. Stores it as a reference-set file and loads it back, as a separate application would.
// 3. Segments IMAGE for the labels by retrieval (Part 2) and writes the class map (and overlay).
//
// With --clip and --visual (Hugging Face model folders or hub ids) it runs CLIP and DINOv2.
// Without them it runs the colour stand-ins of ColourWorld.swift, which need no weights; then
// the labels default to the colour terms and the program also reports how often its prediction
// agrees with naming each pixel's colour directly.

import Foundation
import ReME

struct UsageError: Error, CustomStringConvertible {
    var description: String
}

let usage = """
    usage: segment-library --references PATH... --image IMAGE --output PRED.png [--overlay OVERLAY.png]
                           [--labels "red, green, blue"] [--refset REFSET.safetensors]
                           [--clip MODEL --visual MODEL] [--short-side 448]
    """

struct Options {
    var references: [String] = []
    var image = ""
    var output = ""
    var overlay: String?
    var refset: String?
    var labels: [String]?
    var clip: String?
    var visual: String?
    var shortSide = 448

    init(_ arguments: [String]) throws {
        var rest = arguments[...]
        func value(_ flag: String) throws -> String {
            guard let v = rest.popFirst(), !v.hasPrefix("--") else { throw UsageError(description: "\(flag) needs a value") }
            return v
        }
        while let flag = rest.popFirst() {
            switch flag {
            case "--references":
                while let next = rest.first, !next.hasPrefix("--") { references.append(String(rest.removeFirst())) }
            case "--image": image = try value(flag)
            case "--output": output = try value(flag)
            case "--overlay": overlay = try value(flag)
            case "--refset": refset = try value(flag)
            case "--labels": labels = try value(flag).split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            case "--clip": clip = try value(flag)
            case "--visual": visual = try value(flag)
            case "--help", "-h":
                print(usage)
                exit(0)
            case "--short-side":
                guard let n = Int(try value(flag)), n > 0 else { throw UsageError(description: "--short-side needs a positive integer") }
                shortSide = n
            default: throw UsageError(description: "unknown argument \(flag)")
            }
        }
        guard !references.isEmpty, !image.isEmpty, !output.isEmpty else {
            throw UsageError(description: "--references, --image and --output are required\n\(usage)")
        }
        if (clip == nil) != (visual == nil) { throw UsageError(description: "give --clip and --visual together") }
    }
}

/// The three encoders the method needs, behind the library's protocols.
struct Encoders {
    var crops: any CropEncoder
    var text: any TextEncoder
    var region: any RegionEncoder
    var isColourWorld: Bool
    /// Which models made the features; `reme segment --reference` checks it against its own.
    var provenance: [String: String] = [:]

    static func load(_ options: Options) throws -> Encoders {
        guard let clip = options.clip, let visual = options.visual else {
            return Encoders(crops: ColourCropEncoder(), text: ColourTextEncoder(), region: ColourHistogramEncoder(), isColourWorld: true)
        }
        let set = try EncoderSet.load(clip: clip, visual: visual, crops: true, region: true, denseShortSide: options.shortSide)
        guard let crops = set.crops, let region = set.region else { throw UsageError(description: "could not load the image towers") }
        var provenance = set.clipIdentity.provenance(prefix: "clip")
        if let visual = set.visualIdentity { provenance.merge(visual.provenance(prefix: "visual")) { a, _ in a } }
        return Encoders(crops: crops, text: set.text, region: region, isColourWorld: false, provenance: provenance)
    }
}

/// Image files named on the command line, folders expanded (sorted, recursively).
func imagePaths(_ arguments: [String]) throws -> [String] {
    var paths: [String] = []
    for argument in arguments {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: argument, isDirectory: &isFolder), isFolder.boolValue {
            paths += try ImageFolder.list(URL(fileURLWithPath: argument)).map { "\(argument)/\($0)" }
        } else {
            paths.append(argument)
        }
    }
    return paths
}

func run(_ options: Options) throws {
    let encoders = try Encoders.load(options)
    let masks = FelzenszwalbMasks(SuperpixelOptions(preset: .voc, shortSide: options.shortSide))

    // Part 1, per image: segments, a caption, its noun phrases, and the initial pairing.
    let extractor = try PhraseExtractor()
    let pairer = SegmentPhrasePairer(cropEncoder: encoders.crops, textEncoder: encoders.text, regionEncoder: encoders.region)
    var base = BaseSet(featureDimension: encoders.region.featureDimension)
    let references = try imagePaths(options.references)
    for (number, path) in references.enumerated() {
        let image = try PixelImage(contentsOfFile: path)
        let segments = try masks.segments(for: image, name: path)
        let caption = colourCaption(of: image, number: number)
        let phrases = extractor.phrases(in: caption).map { RootedPhrase(text: $0.text, root: $0.root) }
        let record = try pairer.encodeAndPair(image: image, masks: try SegmentMasks(segments), phrases: phrases)
        try base.append(record)
        print("reference \(path): \(segments.count) segments, \(record.keptCount) paired; caption: \(caption)")
    }

    // Part 1, global: abstract-root filter, group filter, WordNet synonyms, label embeddings,
    // with the library's defaults (they hold from a dozen roots to tens of thousands).
    let configuration = GlobalStageConfiguration()
    var provenance = encoders.provenance
    provenance["built_by"] = "Examples/segment-library"
    provenance["reme_version"] = remeVersion
    let reference = try GlobalStage.run(base, textEncoder: encoders.text, configuration: configuration, provenance: provenance)
    let stats = reference.statistics
    print("reference set: \(reference.segmentCount) segments, \(reference.phraseCount) phrases from \(stats.basePairs) base pairs; "
        + "ambiguous roots dropped: \(stats.ambiguousDroppedRoots); group filter removed \(stats.groupRemovedPairs) pairs; "
        + "synonyms: \(stats.synonymPairs.map { $0.joined(separator: "=") })")

    // Store it and load it back, as an application that ships a reference set would.
    let refsetPath = options.refset ?? FileManager.default.temporaryDirectory.appendingPathComponent("segment-library-\(getpid()).safetensors").path
    try ReferenceSetCodec.write(reference, to: refsetPath)
    defer { if options.refset == nil { try? FileManager.default.removeItem(atPath: refsetPath) } }
    let index = try ReferenceSetCodec.readIndex(refsetPath)

    // Part 2: segment the test image for the labels by retrieval against the reference set.
    let labels = options.labels ?? (encoders.isColourWorld ? ColourTerms.names : [])
    guard !labels.isEmpty else { throw UsageError(description: "give --labels with --clip / --visual") }
    let labeler = SegmentLabeler.retrieval(RetrievalEngine(index: index), regionEncoder: encoders.region, textEncoder: encoders.text)
    let pipeline = SegmentationPipeline(masks: masks, labeler: labeler)
    let photo = try PixelImage(contentsOfFile: options.image)
    let result = try pipeline.segment(photo, labels: labels)

    try PredictionFiles.writeClassMap(result, to: options.output)
    if let overlay = options.overlay { try PredictionFiles.writeOverlay(result, photo: photo, to: overlay) }
    let written = try UInt16Image(labelMapOfFile: options.output)
    guard written.width == result.width, written.height == result.height, written.pixels.map(Int32.init) == result.classMap else {
        throw UsageError(description: "\(options.output) does not read back as the class map just written")
    }
    print("segmented \(options.image): \(result.width)x\(result.height), \(result.segments.count) segments -> \(options.output)")
    for entry in result.classSummary() where entry.share > 0 {
        print("  " + entry.name.padding(toLength: 10, withPad: " ", startingAt: 0) + String(format: "%5.1f %%", 100 * entry.share))
    }

    // With the colour stand-ins the right answer is known: the colour term nearest each pixel.
    // Labelling every pixel with the most common colour is the score to beat.
    if encoders.isColourWorld {
        let termOfLabel = labels.map { ColourTerms.index(of: $0.lowercased()) }
        var agree = 0
        var counts = [Int](repeating: 0, count: ColourTerms.names.count)
        for p in 0..<result.classMap.count {
            let truth = ColourTerms.nearest(ColourTerms.pixel(photo, p))
            counts[truth] += 1
            if termOfLabel[Int(result.classMap[p])] == truth { agree += 1 }
        }
        let n = Double(result.classMap.count)
        print(String(format: "agreement with naming each pixel's colour: %.3f (most common colour alone: %.3f)",
                     Double(agree) / n, Double(counts.max() ?? 0) / n))
    }
}

do {
    try run(try Options(Array(CommandLine.arguments.dropFirst())))
} catch {
    FileHandle.standardError.write(Data("segment-library: error: \(error)\n".utf8))
    exit(1)
}
