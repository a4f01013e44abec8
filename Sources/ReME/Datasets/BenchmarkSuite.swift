import Foundation

/// The benchmarks of the paper's main table, in its column order, and how to find them under
/// one folder.
public enum BenchmarkSuite {
    /// The paper's column order: VOC-21, PC-60, Object, VOC-20, PC-59, Stuff, City, A-150, PC-459, A-847.
    public static let paperOrder: [Benchmark] = [
        .voc21, .context60, .cocoObject, .voc20, .context59, .cocoStuff, .cityscapes, .ade150, .context459, .ade847,
    ]

    /// What one look for the benchmarks under a folder found.
    public struct Discovery: Sendable {
        /// The benchmarks found, in the order asked for.
        public var found: [BenchmarkDataset]
        /// The benchmarks with no supported layout under the folder.
        public var missing: [Benchmark]
    }

    /// Finds each of `benchmarks` under `root` in the layouts `BenchmarkDataset.open` (and
    /// `DatasetCheck`) accept: the folder itself or the usual subfolders of `DatasetLayout`.
    /// A benchmark with no layout there is `missing`; one whose layout is there but broken
    /// (a label map missing, an empty split, class names needed) throws.
    public static func discover(root: URL, benchmarks: [Benchmark] = paperOrder) throws(DatasetError) -> Discovery {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .layoutNotFound(benchmark: "any benchmark", root: root.path, expected: ["an existing folder"])
        }
        var discovery = Discovery(found: [], missing: [])
        for benchmark in benchmarks {
            do {
                discovery.found.append(try BenchmarkDataset.open(benchmark, root: root))
            } catch {
                guard case .layoutNotFound = error else { throw error }
                discovery.missing.append(benchmark)
            }
        }
        return discovery
    }
}

extension Benchmark {
    /// The benchmark's column heading in the paper's tables.
    public var paperColumn: String {
        switch self {
        case .voc21: return "VOC-21"
        case .context60: return "PC-60"
        case .cocoObject: return "Object"
        case .voc20: return "VOC-20"
        case .context59: return "PC-59"
        case .cocoStuff: return "Stuff"
        case .cityscapes: return "City"
        case .ade150: return "A-150"
        case .context459: return "PC-459"
        case .ade847: return "A-847"
        }
    }
}
