import ArgumentParser
import Foundation
import ReME

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build a reference set from a folder of unlabeled images and their captions.",
        discussion: """
            Per image: class-agnostic segments, CLIP pairing of the caption's noun phrases with \
            segments, visual features of the paired segments; then the global stage: \
            ambiguous-label filtering, group-based filtering, semantic enhancement (docs/specification.md \
            Part 1). Per-image results go to an append-only log in the work folder \
            (<output>.build/ by default): a killed build resumes where it stopped; running \
            again recomputes only images whose file, caption or masks changed, drops images no \
            longer in the input, and with other global hyper-parameters recomputes no image. With --shard i/N (or \
            inside a Slurm array / Kubernetes Indexed Job) only that shard's images are processed; \
            then `reme build merge` joins the shards. See docs/build.md.
            All options of the default subcommand: `reme build run --help`.
            """,
        subcommands: [BuildRunCommand.self, BuildMergeCommand.self],
        defaultSubcommand: BuildRunCommand.self
    )
}

struct BuildRunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "run", abstract: "Build (the default subcommand).")

    @Option(help: "Folder of JPEG/PNG images (searched recursively).") var images: String
    @Option(help: "Captions: JSON Lines {\"image\", \"caption\"} (from `reme caption`) or COCO captions JSON.")
    var captions: String
    @Option(help: "Reference set to write (safetensors).") var output: String
    @Option(help: "Folder for the resumable per-image state (default: <output>.build).") var workDir: String?
    @Option(help: ArgumentHelp("Process only shard i of N (0-based), e.g. 3/16.", valueName: "i/N"),
            transform: BuildShard.parseArgument)
    var shard: BuildShard?

    @OptionGroup(title: "Models") var models: ModelOptions
    @OptionGroup(title: "Segments") var segments: MaskOptions
    @OptionGroup(title: "Global stage") var global: GlobalStageOptions

    func run() throws {
        let shardSpec: BuildShard = try shard ?? BuildShard.fromEnvironment(ProcessInfo.processInfo.environment) ?? .whole
        try OutputCheck.file(output, option: "--output")
        try OutputCheck.folder(workDir ?? output + ".build", option: workDir == nil ? "--output" : "--work-dir")
        let folder = URL(fileURLWithPath: images)
        let list = try ImageFolder.list(folder)
        let records = try CaptionFile.load(path: captions)
        guard records.contains(where: { !$0.caption.allSatisfy(\.isWhitespace) }) else {
            throw CLIFailure(message: "\(captions) has no captions")
        }
        let lookup = CaptionLookup(records)
        let work = URL(fileURLWithPath: workDir ?? output + ".build")

        let encoders = try EncoderSet.load(clip: models.clip, visual: models.visual, crops: true, region: true,
                                           denseShortSide: models.denseShortSide)
        guard let crops = encoders.crops, let region = encoders.region, let visualID = encoders.visualIdentity else {
            throw CLIFailure(message: "the build needs CLIP's vision tower and a visual model")
        }
        let masks = try segments.generator()
        let settings = BuildSettings(clip: encoders.clipIdentity, visual: visualID, segmenter: masks,
                                     denseShortSide: models.denseShortSide,
                                     shardCount: shardSpec.count, captions: captions)
        try settings.recordOrCheck(in: work)

        let stage = PerImageStage(masks: masks, crops: crops, text: encoders.text, region: region,
                                  phrases: try PhraseExtractor())
        let build = ReferenceBuild(imagesFolder: folder, images: list, captions: lookup, workFolder: work, shard: shardSpec)
        let label = shardSpec.count > 1 ? "build \(shardSpec)" : "build"
        let checking = ProgressLine(label + ": checking recorded images")
        let progress = ProgressLine(label)
        var checkingEnded = false
        let summary = try build.runPerImage(stage: stage, settings: settings) { p in
            switch p.phase {
            case .checking:
                checking.update(Int64(p.done), of: Int64(p.total), force: p.done == p.total)
            case .processing:
                if !checkingEnded { checking.finish(); checkingEnded = true }
                progress.update(Int64(p.done), of: Int64(p.total), note: p.skipped > 0 ? "\(p.skipped) skipped" : "",
                                force: p.done == p.total)
            }
        }
        progress.finish()
        BuildReport.printShard(summary)
        if shardSpec.count > 1 {
            print("shard \(shardSpec) done; when all \(shardSpec.count) shards have finished run:\n"
                  + "  reme build merge --output \(output)\(workDir.map { " --work-dir \($0)" } ?? "") --clip \(models.clip)")
            return
        }
        try BuildMergeCommand.globalStage(work: work, output: output, encoders: encoders, settings: settings, global: global)
    }
}

struct BuildMergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge", abstract: "Join the shards of a sharded build and run the global stage.")

    @Option(help: "Reference set to write (safetensors).") var output: String
    @Option(help: "The build's work folder (default: <output>.build).") var workDir: String?
    @Option(help: ArgumentHelp("The CLIP model the shards used (its text tower embeds the labels).", valueName: "MODEL"))
    var clip = "openai/clip-vit-base-patch16"
    @OptionGroup(title: "Global stage") var global: GlobalStageOptions

    func run() throws {
        try OutputCheck.file(output, option: "--output")
        let work = URL(fileURLWithPath: workDir ?? output + ".build")
        let settings = try BuildSettings.read(from: work)
        let encoders = try EncoderSet.load(clip: clip, visual: nil, crops: false, region: false)
        try encoders.checkCompatible(with: settings.clip, path: work.path)
        try Self.globalStage(work: work, output: output, encoders: encoders, settings: settings, global: global)
    }

    static func globalStage(work: URL, output: String, encoders: EncoderSet, settings: BuildSettings,
                            global: GlobalStageOptions) throws {
        let loaded = try ReferenceBuild.loadBaseSet(workFolder: work, shardCount: settings.shardCount,
                                                    featureDimension: encoders.region?.featureDimension)
        let configuration = try global.configuration()
        var provenance = settings.clip.merging(settings.visual) { a, _ in a }
        provenance.merge(global.provenance(of: configuration)) { a, _ in a }
        provenance["captions"] = settings.captions
        provenance["segmenter"] = settings.segmenter
        provenance["dense_short_side"] = "\(settings.denseShortSide)"
        provenance["images"] = "\(loaded.images)"
        provenance["images_skipped"] = "\(loaded.skipped.count)"
        provenance["reme_version"] = remeVersion
        provenance["built"] = ISO8601DateFormatter().string(from: Date())
        let started = Date()
        let reference = try GlobalStage.run(loaded.base, textEncoder: encoders.text, configuration: configuration,
                                            provenance: provenance)
        try ReferenceSetCodec.write(reference, to: output, halfPrecisionSegments: global.half)
        BuildReport.printReference(reference, path: output, seconds: Date().timeIntervalSince(started),
                                   skipped: loaded.skipped)
    }
}
