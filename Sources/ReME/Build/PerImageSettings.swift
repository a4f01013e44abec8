/// What every image's record depends on besides the image, its caption and its masks file:
/// the stage's code revision, the models (by architecture and weights, not by name), the
/// dense-feature resolution, the segmenter and the phrase lexicon.
enum PerImageSettings {
    static func description(stage: PerImageStage, settings: BuildSettings) -> String {
        var lines = ["per-image stage revision \(PerImageStage.revision)"]
        for (role, provenance) in [("clip", settings.clip), ("visual", settings.visual)] {
            let identity = ModelIdentity.recorded(in: provenance, prefix: role)
            lines.append("\(role) \(identity?.modelType ?? "?") config \(identity?.configSHA256 ?? "?") "
                         + "weights \(identity?.weightsFingerprint ?? "?")")
        }
        lines.append("dense short side \(settings.denseShortSide)")
        lines.append("segments: " + stage.masks.recordKeyDescription)
        lines.append("phrases: \(stage.phrases.lexiconSummary)")
        return lines.joined(separator: "\n")
    }

    static func digest(stage: PerImageStage, settings: BuildSettings) -> ContentDigest {
        ContentDigest(description(stage: stage, settings: settings))
    }
}
