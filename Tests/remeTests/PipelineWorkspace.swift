import Foundation

/// A temporary folder with tiny random-weight models (CLIP with a real, truncated BPE
/// vocabulary; DINOv2), three real VOC photos with captions, and the same photos as a VOC
/// benchmark folder (labels from Debian's labelme-examples).
struct PipelineWorkspace {
    let root: URL
    var clip: String { root.appendingPathComponent("clip").path }
    var dino: String { root.appendingPathComponent("dino").path }
    var images: String { root.appendingPathComponent("images").path }
    var captions: String { root.appendingPathComponent("captions.jsonl").path }
    var voc: String { root.appendingPathComponent("voc").path }
    static let labelme = "/usr/share/doc/labelme-examples/examples/semantic_segmentation/data_dataset_voc"
    static let ids = ["2011_000003", "2011_000006", "2011_000025"]
    /// Small working resolutions keep debug-build tests fast.
    static let fastOptions = ["--segment-short-side", "96", "--dense-short-side", "98"]

    static var fixtures: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures")
    }

    init(copies: Int = 1) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("reme-cli-\(UUID().uuidString)")
        let fm = FileManager.default
        for sub in ["clip", "dino", "images", "voc/JPEGImages", "voc/SegmentationClass", "voc/ImageSets/Segmentation"] {
            try fm.createDirectory(at: root.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
        let f = Self.fixtures
        for (from, to) in [("models/clip_tiny/config.json", "clip/config.json"),
                           ("models/clip_tiny/model.safetensors", "clip/model.safetensors"),
                           ("pipeline/clip_tiny_tokenizer/vocab.json", "clip/vocab.json"),
                           ("pipeline/clip_tiny_tokenizer/merges.txt", "clip/merges.txt"),
                           ("models/dinov2_tiny/config.json", "dino/config.json"),
                           ("models/dinov2_tiny/model.safetensors", "dino/model.safetensors")] {
            try fm.copyItem(at: f.appendingPathComponent(from), to: root.appendingPathComponent(to))
        }
        let texts = [
            "A man in a white shirt sits on the floor next to a small table with bowls of food and a bottle.",
            "Several people sit around a wooden dining table in a room with a white wall and a window.",
            "A large blue bus and a white car drive on a road next to green trees under a bright sky.",
        ]
        var lines: [String] = []
        for copy in 0..<copies {
            for (i, id) in Self.ids.enumerated() {
                let name = copies == 1 ? "\(id).jpg" : "\(id)_\(copy).jpg"
                try fm.copyItem(atPath: "\(Self.labelme)/JPEGImages/\(id).jpg", toPath: "\(images)/\(name)")
                let record = try JSONSerialization.data(withJSONObject: ["image": name, "caption": texts[i]])
                lines.append(String(decoding: record, as: UTF8.self))
            }
        }
        try (lines.joined(separator: "\n") + "\n").write(toFile: self.captions, atomically: true, encoding: .utf8)
        for id in Self.ids {
            try fm.copyItem(atPath: "\(Self.labelme)/JPEGImages/\(id).jpg", toPath: "\(voc)/JPEGImages/\(id).jpg")
            try fm.copyItem(atPath: "\(Self.labelme)/SegmentationClassPNG/\(id).png", toPath: "\(voc)/SegmentationClass/\(id).png")
        }
        try (Self.ids.joined(separator: "\n") + "\n").write(toFile: "\(voc)/ImageSets/Segmentation/val.txt",
                                                             atomically: true, encoding: .utf8)
    }

    func path(_ name: String) -> String { root.appendingPathComponent(name).path }

    /// `reme build` over this workspace's images and models, at the fast test resolutions.
    func buildArguments(output: String, _ extra: [String] = []) -> [String] {
        ["build", "--images", images, "--captions", captions, "--clip", clip, "--visual", dino, "--output", output]
            + extra + Self.fastOptions
    }
    func remove() { try? FileManager.default.removeItem(at: root) }
}
