import Foundation

/// One image of a benchmark and its ground-truth label map.
public struct BenchmarkSample: Sendable, Equatable {
    public var id: String
    public var image: URL
    public var label: URL
}

/// A benchmark's validation split found on disk.
public struct BenchmarkDataset: Sendable {
    public var benchmark: Benchmark
    public var root: URL
    public var classNames: [String]
    public var labelMapping: Benchmark.LabelMapping
    public var samples: [BenchmarkSample]
    public var layoutName: String

    /// Finds the benchmark under `root` in any supported layout.
    /// - Parameter classNamesFile: one name per line, in id order: an override of the built-in
    ///   names; for `context459` and `ade847` (no built-in list) the folder's `class_names.txt`
    ///   is used when this is nil.
    public static func open(_ benchmark: Benchmark, root: URL, classNamesFile: URL? = nil) throws(DatasetError) -> BenchmarkDataset {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .layoutNotFound(benchmark: benchmark.rawValue, root: root.path, expected: ["an existing folder"])
        }
        let layouts = DatasetLayout.candidates(for: benchmark)
        var firstMissingLabel: DatasetError?
        for layout in layouts {
            for sub in layout.roots {
                let base = sub.isEmpty ? root : root.appendingPathComponent(sub)
                let images = base.appendingPathComponent(layout.images)
                let labels = base.appendingPathComponent(layout.labels)
                guard fm.fileExists(atPath: images.path, isDirectory: &isDirectory), isDirectory.boolValue,
                      fm.fileExists(atPath: labels.path, isDirectory: &isDirectory), isDirectory.boolValue else { continue }
                let samples: [BenchmarkSample]
                do { samples = try listSamples(layout: layout, base: base, images: images, labels: labels) } catch {
                    // The same folders may hold another candidate's label format (.tif / .png).
                    if case .missingLabel = error {
                        firstMissingLabel = firstMissingLabel ?? error
                        continue
                    }
                    throw error
                }
                let names = try classNames(for: benchmark, base: base, override: classNamesFile)
                return BenchmarkDataset(benchmark: benchmark, root: base, classNames: names, labelMapping: layout.mapping,
                                        samples: samples, layoutName: layout.name)
            }
        }
        if let firstMissingLabel { throw firstMissingLabel }
        throw .layoutNotFound(benchmark: benchmark.rawValue, root: root.path, expected: layouts.map(\.expectation))
    }

    private static func listSamples(layout: DatasetLayout, base: URL, images: URL, labels: URL) throws(DatasetError) -> [BenchmarkSample] {
        let fm = FileManager.default
        var relativeIDs: [String] = []
        if let split = layout.split {
            let listURL = base.appendingPathComponent(split)
            guard let text = try? String(contentsOf: listURL, encoding: .utf8) else {
                throw .layoutNotFound(benchmark: layout.name, root: base.path, expected: ["the split file \(listURL.path)"])
            }
            relativeIDs = text.split(whereSeparator: \.isNewline)
                .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            guard !relativeIDs.isEmpty else { throw .emptySplit(path: listURL.path) }
        } else {
            let paths: [String]
            if layout.recursive {
                paths = (fm.enumerator(atPath: images.path)?.allObjects as? [String]) ?? []
            } else {
                paths = (try? fm.contentsOfDirectory(atPath: images.path)) ?? []
            }
            relativeIDs = paths.filter { $0.hasSuffix(layout.imageSuffix) }
                .map { String($0.dropLast(layout.imageSuffix.count)) }
                .sorted()
            guard !relativeIDs.isEmpty else { throw .emptySplit(path: images.path) }
        }
        return try relativeIDs.map { (id: String) throws(DatasetError) -> BenchmarkSample in
            let image = images.appendingPathComponent(id + layout.imageSuffix)
            let label = labels.appendingPathComponent(id + layout.labelSuffix)
            guard fm.fileExists(atPath: label.path) else {
                throw .missingLabel(image: image.path, expected: label.path)
            }
            return BenchmarkSample(id: id, image: image, label: label)
        }
    }

    private static func classNames(for benchmark: Benchmark, base: URL, override: URL?) throws(DatasetError) -> [String] {
        let candidate = override ?? base.appendingPathComponent("class_names.txt")
        if override != nil || benchmark.builtInClassNames == nil {
            guard let text = try? String(contentsOf: candidate, encoding: .utf8) else {
                if override == nil { throw .classNamesNeeded(benchmark: benchmark.rawValue, path: candidate.path) }
                throw .classNames(path: candidate.path, reason: "cannot read the file")
            }
            let names = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            guard !names.isEmpty else { throw .classNames(path: candidate.path, reason: "no names in the file") }
            if let builtIn = benchmark.builtInClassNames, builtIn.count != names.count {
                throw .classNames(path: candidate.path, reason: "\(names.count) names, \(benchmark.rawValue) has \(builtIn.count) classes")
            }
            return names
        }
        return benchmark.builtInClassNames ?? []
    }
}
