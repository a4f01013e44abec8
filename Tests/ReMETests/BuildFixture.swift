import Foundation
@testable import ReME

/// A folder of synthetic-world PNGs with captions and a work folder, built with toy encoders
/// (so a whole per-image stage takes milliseconds).
struct BuildFixture {
    let root: URL
    var captions: [String: String]
    var imagesFolder: URL { root.appendingPathComponent("images") }
    var workFolder: URL { root.appendingPathComponent("work") }
    var masksFolder: URL { root.appendingPathComponent("masks") }
    var logURL: URL { ReferenceBuild.logURL(in: workFolder, shard: .whole) }

    static let firstCaptions = [
        "a fluffy kitten sleeps on the street",
        "a large dog runs across the grass under the sky",
        "an old car is parked on the road next to a tree",
    ]

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("reme-build-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("images"), withIntermediateDirectories: true)
        captions = [:]
        for (i, caption) in Self.firstCaptions.enumerated() {
            try writeImage(number: i, as: Self.name(i))
            captions[Self.name(i)] = caption
        }
    }

    static func name(_ i: Int) -> String { "image_\(i).png" }

    func remove() { try? FileManager.default.removeItem(at: root) }

    /// Writes synthetic image `number` under `name` (other numbers give other pixels).
    func writeImage(number: Int, as name: String) throws {
        try SyntheticWorld().image(number).pixels.writePNG(to: imagesFolder.appendingPathComponent(name).path)
    }

    /// A label map cutting the image into `parts` horizontal bands, as an external segmenter's output.
    func writeMasks(bands parts: Int, for name: String) throws {
        try FileManager.default.createDirectory(at: masksFolder, withIntermediateDirectories: true)
        let side = SyntheticWorld.side
        let labels = (0..<(side * side)).map { UInt8(($0 / side) * parts / side) }
        let stem = (name as NSString).deletingPathExtension
        try PixelImage(width: side, height: side, channels: 1, pixels: labels)
            .writePNG(to: masksFolder.appendingPathComponent("\(stem).png").path)
    }

    func stage(minSize: Int = 20, masks: Bool = false) throws -> PerImageStage {
        let felzenszwalb = FelzenszwalbMasks(SuperpixelOptions(parameters: FelzenszwalbParameters(scale: 100, sigma: 0.5, minSize: minSize),
                                                               shortSide: nil))
        return PerImageStage(masks: masks ? try ImportedMasks(path: masksFolder.path) : felzenszwalb,
                             crops: ToyCropEncoder(), text: ToyTextEncoder(), region: ToyRegionEncoder(),
                             phrases: try PhraseExtractor())
    }

    static func settings(shardCount: Int = 1, captions: String = "captions.jsonl") -> BuildSettings {
        func identity(_ name: String) -> ModelIdentity {
            ModelIdentity(name: name, modelType: "toy", configSHA256: "config-\(name)", weightsFingerprint: "weights-\(name)")
        }
        return BuildSettings(clip: identity("clip"), visual: identity("visual"), segmenter: FelzenszwalbMasks(),
                             denseShortSide: 448, shardCount: shardCount, captions: captions)
    }

    func run(_ stage: PerImageStage, shard: BuildShard = .whole) throws -> ShardSummary {
        let lookup = CaptionLookup(captions.map { CaptionRecord(image: $0.key, caption: $0.value) })
        let build = ReferenceBuild(imagesFolder: imagesFolder, images: try ImageFolder.list(imagesFolder), captions: lookup,
                                   workFolder: workFolder, shard: shard)
        return try build.runPerImage(stage: stage, settings: Self.settings(shardCount: shard.count))
    }

    func baseSet(shardCount: Int = 1) throws -> (base: BaseSet, skipped: [(image: String, reason: String)], images: Int) {
        try ReferenceBuild.loadBaseSet(workFolder: workFolder, shardCount: shardCount)
    }
}
