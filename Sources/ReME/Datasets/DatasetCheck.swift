import Foundation
import ReMEImage

/// What a look at one benchmark found in a folder: how many images and label maps, which do
/// not pair up, and whether the label values fit the benchmark's classes and ignore value.
public struct DatasetCheckReport: Sendable {
    public var benchmark: Benchmark
    public var layout: String
    /// The folder the layout was found in.
    public var folder: String
    public var images: Int
    public var labelMaps: Int
    /// Ids in the split file, for layouts that have one.
    public var splitEntries: Int?
    /// Images (ids) with no label map; for layouts with a split file, split ids missing either file.
    public var imagesWithoutLabel: [String]
    /// Label maps (ids) with no image.
    public var labelsWithoutImage: [String]
    /// The number of classes; nil when the names come from a `class_names.txt` the folder lacks.
    public var classCount: Int?
    public var ignoreIndex: Int32
    /// Smallest and largest stored value over the readable label maps.
    public var labelValues: ClosedRange<Int>?
    /// Label maps holding values that are neither a class (after the layout's label mapping)
    /// nor the ignore value, with those values.
    public var outOfRange: [(file: String, values: [Int])]
    public var unreadableLabels: [(file: String, reason: String)]

    /// Whether anything here would make an evaluation fail or count wrongly.
    public var hasProblems: Bool {
        !imagesWithoutLabel.isEmpty || !labelsWithoutImage.isEmpty || !outOfRange.isEmpty || !unreadableLabels.isEmpty
            || classCount == nil
    }
}

/// Finds every benchmark under a folder in the layouts `BenchmarkDataset.open` reads and checks it.
public enum DatasetCheck {
    /// - Parameter progress: called with each benchmark and layout before its label maps are read.
    public static func check(root: URL, progress: (Benchmark, String) -> Void = { _, _ in }) -> [DatasetCheckReport] {
        var reports: [DatasetCheckReport] = []
        for benchmark in Benchmark.allCases {
            var found: [DatasetCheckReport] = []
            for layout in DatasetLayout.candidates(for: benchmark) {
                for sub in layout.roots {
                    let base = sub.isEmpty ? root : root.appendingPathComponent(sub)
                    guard isFolder(base.appendingPathComponent(layout.images)), isFolder(base.appendingPathComponent(layout.labels)),
                          !found.contains(where: { $0.folder == base.path && $0.labelMaps > 0 }) else { continue }
                    progress(benchmark, layout.name)
                    let report = check(benchmark, layout: layout, base: base)
                    found.removeAll { $0.folder == base.path && $0.labelMaps == 0 }
                    if report.labelMaps > 0 || !found.contains(where: { $0.folder == base.path }) { found.append(report) }
                }
            }
            reports += found
        }
        return reports
    }

    static func check(_ benchmark: Benchmark, layout: DatasetLayout, base: URL) -> DatasetCheckReport {
        let imagesFolder = base.appendingPathComponent(layout.images), labelsFolder = base.appendingPathComponent(layout.labels)
        let images = ids(in: imagesFolder, suffix: layout.imageSuffix, recursive: layout.recursive)
        let labels = ids(in: labelsFolder, suffix: layout.labelSuffix, recursive: layout.recursive)
        var split: [String]?
        if let file = layout.split, let text = try? String(contentsOf: base.appendingPathComponent(file), encoding: .utf8) {
            split = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        let imageSet = Set(images), labelSet = Set(labels)
        let evaluated = split ?? images
        let classCount = benchmark.builtInClassNames?.count ?? classNamesCount(base.appendingPathComponent("class_names.txt"))
        var report = DatasetCheckReport(
            benchmark: benchmark, layout: layout.name, folder: base.path, images: images.count, labelMaps: labels.count,
            splitEntries: split?.count,
            imagesWithoutLabel: evaluated.filter { !labelSet.contains($0) || !imageSet.contains($0) },
            labelsWithoutImage: split == nil ? labels.filter { !imageSet.contains($0) } : [],
            classCount: classCount, ignoreIndex: benchmark.ignoreIndex, labelValues: nil, outOfRange: [], unreadableLabels: [])
        for id in evaluated where labelSet.contains(id) {
            let path = labelsFolder.appendingPathComponent(id + layout.labelSuffix).path
            let map: UInt16Image
            do { map = try UInt16Image(labelMapOfPNGOrTIFF: path) } catch {
                report.unreadableLabels.append((path, "\(error)"))
                continue
            }
            var present = [Bool](repeating: false, count: 65536)
            for v in map.pixels { present[Int(v)] = true }
            let values = present.indices.filter { present[$0] }
            guard let low = values.first, let high = values.last else { continue }
            report.labelValues = report.labelValues.map { min($0.lowerBound, low)...max($0.upperBound, high) } ?? low...high
            if let classCount {
                let bad = values.filter { !isScoredOrIgnored($0, classCount: classCount, mapping: layout.mapping,
                                                             ignore: Int(benchmark.ignoreIndex)) }
                if !bad.isEmpty { report.outOfRange.append((path, bad)) }
            }
        }
        return report
    }

    /// Whether a stored value is a class or the ignore value once the layout's mapping is applied
    /// (as `IoUMetric` applies it).
    static func isScoredOrIgnored(_ value: Int, classCount: Int, mapping: Benchmark.LabelMapping, ignore: Int) -> Bool {
        var label = value
        if mapping == .reduceZeroLabel {
            if label == 0 { return true }
            label -= 1
            if label == 254 { label = 255 }
        }
        return label == ignore || (0..<classCount).contains(label)
    }

    private static func isFolder(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    private static func ids(in folder: URL, suffix: String, recursive: Bool) -> [String] {
        let fm = FileManager.default
        let paths = recursive ? (fm.enumerator(atPath: folder.path)?.allObjects as? [String]) ?? []
            : (try? fm.contentsOfDirectory(atPath: folder.path)) ?? []
        return paths.filter { $0.hasSuffix(suffix) }.map { String($0.dropLast(suffix.count)) }.sorted()
    }

    private static func classNamesCount(_ url: URL) -> Int? {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return nil }
        let count = text.split(whereSeparator: \.isNewline).filter { !$0.allSatisfy(\.isWhitespace) }.count
        return count > 0 ? count : nil
    }
}
