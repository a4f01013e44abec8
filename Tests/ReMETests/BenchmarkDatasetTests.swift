import Foundation
import Testing
@testable import ReME

@Suite struct BenchmarkDatasetTests {
    func makeFolder(_ files: [String]) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("reme-ds-\(UUID().uuidString)")
        for f in files {
            let url = root.appendingPathComponent(f)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            let content = f.hasSuffix(".txt") && f.contains("ImageSets") ? "a\nb\n" : "x"
            try Data(content.utf8).write(to: url)
        }
        return root
    }

    @Test func findsVOCInsideVOCdevkit() throws {
        let root = try makeFolder([
            "VOCdevkit/VOC2012/JPEGImages/a.jpg", "VOCdevkit/VOC2012/JPEGImages/b.jpg", "VOCdevkit/VOC2012/JPEGImages/c.jpg",
            "VOCdevkit/VOC2012/SegmentationClass/a.png", "VOCdevkit/VOC2012/SegmentationClass/b.png",
            "VOCdevkit/VOC2012/ImageSets/Segmentation/val.txt",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let ds = try BenchmarkDataset.open(.voc21, root: root)
        #expect(ds.samples.map(\.id) == ["a", "b"])
        #expect(ds.classNames.count == 21 && ds.classNames[0] == "background")
        #expect(ds.labelMapping == .identity)
        #expect(ds.samples[1].label.lastPathComponent == "b.png")
        let ds20 = try BenchmarkDataset.open(.voc20, root: root.appendingPathComponent("VOCdevkit"))
        #expect(ds20.labelMapping == .reduceZeroLabel)
        #expect(ds20.classNames.count == 20 && ds20.classNames[0] == "aeroplane")
    }

    @Test func missingLabelNamesTheExpectedFile() throws {
        let root = try makeFolder([
            "JPEGImages/a.jpg", "SegmentationClass/a.png", "ImageSets/Segmentation/val.txt",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        do {
            _ = try BenchmarkDataset.open(.voc21, root: root)
            Issue.record("expected an error")
        } catch {
            #expect(error.description.contains("SegmentationClass/b.png"))
        }
    }

    @Test func wrongLayoutSaysWhatWasExpected() throws {
        let root = try makeFolder(["random/file.jpg"])
        defer { try? FileManager.default.removeItem(at: root) }
        do {
            _ = try BenchmarkDataset.open(.ade150, root: root)
            Issue.record("expected an error")
        } catch {
            #expect(error.description.contains("images/validation"))
            #expect(error.description.contains("annotations_detectron2/validation"))
        }
    }

    @Test func cityscapesIsSearchedRecursivelyWithSuffixes() throws {
        let root = try makeFolder([
            "leftImg8bit/val/lindau/lindau_000000_000019_leftImg8bit.png",
            "gtFine/val/lindau/lindau_000000_000019_gtFine_labelTrainIds.png",
            "gtFine/val/lindau/lindau_000000_000019_gtFine_color.png",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let ds = try BenchmarkDataset.open(.cityscapes, root: root)
        #expect(ds.samples.map(\.id) == ["lindau/lindau_000000_000019"])
        #expect(ds.classNames.count == 19)
    }

    @Test func ade150ChoosesTheLayoutFromTheFolders() throws {
        let mm = try makeFolder(["ADEChallengeData2016/images/validation/x.jpg", "ADEChallengeData2016/annotations/validation/x.png"])
        let d2 = try makeFolder(["images/validation/x.jpg", "annotations_detectron2/validation/x.png"])
        defer { try? FileManager.default.removeItem(at: mm); try? FileManager.default.removeItem(at: d2) }
        #expect(try BenchmarkDataset.open(.ade150, root: mm).labelMapping == .reduceZeroLabel)
        #expect(try BenchmarkDataset.open(.ade150, root: d2).labelMapping == .identity)
    }

    @Test func ade847NeedsClassNames() throws {
        let root = try makeFolder(["images_detectron2/validation/x.jpg", "annotations_detectron2/validation/x.png"])
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(throws: DatasetError.self) { try BenchmarkDataset.open(.ade847, root: root) }
        try Data("wall\nfloor\n".utf8).write(to: root.appendingPathComponent("class_names.txt"))
        #expect(try BenchmarkDataset.open(.ade847, root: root).classNames == ["wall", "floor"])
    }

    @Test func classNameOverrideMustMatchTheClassCount() throws {
        let root = try makeFolder(["JPEGImages/a.jpg", "SegmentationClass/a.png", "JPEGImages/b.jpg", "SegmentationClass/b.png",
                                   "ImageSets/Segmentation/val.txt", "names.txt"])
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(throws: DatasetError.self) {
            try BenchmarkDataset.open(.voc21, root: root, classNamesFile: root.appendingPathComponent("names.txt"))
        }
    }

    @Test func everyBenchmarkHasALayoutAndConsistentNames() {
        for b in Benchmark.allCases {
            #expect(!DatasetLayout.candidates(for: b).isEmpty)
        }
        #expect(Benchmark.cocoObject.builtInClassNames?.count == 81)
        #expect(Benchmark.cocoStuff.builtInClassNames?.count == 171)
        #expect(Benchmark.context59.builtInClassNames?.count == 59)
        #expect(Benchmark(rawValue: "coco-object") == .cocoObject)
    }
}

@Suite struct DetectronLayoutTests {
    @Test func ade847FindsTIFFOrPNGLabels() throws {
        let fm = FileManager.default
        for suffix in [".tif", ".png"] {
            let root = fm.temporaryDirectory.appendingPathComponent("reme-847-\(UUID().uuidString)")
            defer { try? fm.removeItem(at: root) }
            for f in ["ADE20K_2021_17_01/images_detectron2/validation/a.jpg",
                      "ADE20K_2021_17_01/annotations_detectron2/validation/a\(suffix)",
                      "ADE20K_2021_17_01/class_names.txt"] {
                let url = root.appendingPathComponent(f)
                try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data([0]).write(to: url)
            }
            let ds = try BenchmarkDataset.open(.ade847, root: root)
            #expect(ds.samples.first?.label.pathExtension == String(suffix.dropFirst()))
        }
    }
}
