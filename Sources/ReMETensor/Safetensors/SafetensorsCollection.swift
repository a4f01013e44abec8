#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Tensors spread over one or more safetensors files, looked up by name.
///
/// Opened from a single `.safetensors` file or from a sharded checkpoint's
/// `*.safetensors.index.json` (`{"metadata": {...}, "weight_map": {tensor: shard}}`),
/// in which case each shard named by the index is opened (mapped and validated) once.
public final class SafetensorsCollection: Sendable {
    /// The file the collection was opened from (a `.safetensors` file or an index).
    public let path: String
    /// The open files, in the order of first appearance in the index.
    public let files: [SafetensorsFile]
    /// All tensor names, sorted.
    public let names: [String]
    private let fileForName: [String: SafetensorsFile]

    /// Opens `path`: an index (name ends in `.json`) or a single safetensors file.
    public init(path: String) throws(SafetensorsError) {
        self.path = path
        if path.hasSuffix(".json") {
            let (files, map) = try Self.openShards(indexPath: path)
            self.files = files
            self.fileForName = map
        } else {
            let file = try SafetensorsFile(path: path)
            self.files = [file]
            self.fileForName = Dictionary(uniqueKeysWithValues: file.names.map { ($0, file) })
        }
        self.names = fileForName.keys.sorted()
    }

    /// Opens a model folder: `model.safetensors.index.json` if present, else `model.safetensors`.
    public convenience init(directory: String, stem: String = "model") throws(SafetensorsError) {
        let folder = directory.hasSuffix("/") ? directory : directory + "/"
        let index = folder + stem + ".safetensors.index.json"
        if access(index, F_OK) == 0 {
            try self.init(path: index)
        } else {
            try self.init(path: folder + stem + ".safetensors")
        }
    }

    public func contains(_ name: String) -> Bool { fileForName[name] != nil }

    /// The file holding `name`.
    public func file(containing name: String) throws(SafetensorsError) -> SafetensorsFile {
        guard let file = fileForName[name] else { throw .tensorNotFound(path: path, tensor: name) }
        return file
    }

    public func info(_ name: String) throws(SafetensorsError) -> SafetensorsTensorInfo {
        try file(containing: name).info(name)
    }

    public func tensor(_ name: String) throws(SafetensorsError) -> Tensor {
        try file(containing: name).tensor(name)
    }

    public func int64s(_ name: String) throws(SafetensorsError) -> [Int64] {
        try file(containing: name).int64s(name)
    }

    public func int32s(_ name: String) throws(SafetensorsError) -> [Int32] {
        try file(containing: name).int32s(name)
    }

    public func bytes(_ name: String) throws(SafetensorsError) -> [UInt8] {
        try file(containing: name).bytes(name)
    }

    /// Reads the index, opens each distinct shard once and checks that every tensor the
    /// index lists is in its shard. Shard names must be plain file names in the index's
    /// folder (no `/`), so an index cannot point outside it.
    private static func openShards(
        indexPath: String
    ) throws(SafetensorsError) -> ([SafetensorsFile], [String: SafetensorsFile]) {
        let index = try MappedFile(path: indexPath)
        let root: JSONValue
        do {
            root = try JSONParser.parse(index.bytes)
        } catch {
            throw .invalidIndex(path: indexPath, reason: "not valid JSON at byte \(error.offset): \(error.reason)")
        }
        guard case let .object(members) = root else {
            throw .invalidIndex(path: indexPath, reason: "top level must be an object")
        }
        guard let weightMap = members.first(where: { $0.key == "weight_map" })?.value else {
            throw .invalidIndex(path: indexPath, reason: "no 'weight_map'")
        }
        guard case let .object(entries) = weightMap else {
            throw .invalidIndex(path: indexPath, reason: "'weight_map' must be an object of tensor name → shard file")
        }
        let slash = indexPath.lastIndex(of: "/")
        let folder = slash.map { String(indexPath[...$0]) } ?? ""

        var files: [SafetensorsFile] = []
        var byShard: [String: SafetensorsFile] = [:]
        var map: [String: SafetensorsFile] = [:]
        for (name, value) in entries {
            guard case let .string(shard) = value else {
                throw .invalidIndex(path: indexPath, reason: "shard of '\(name)' must be a string, found \(value.typeName)")
            }
            guard !shard.isEmpty, !shard.contains("/"), shard != ".", shard != ".." else {
                throw .invalidIndex(path: indexPath, reason: "shard '\(shard)' of '\(name)' is not a file name in the index's folder")
            }
            guard map[name] == nil else {
                throw .invalidIndex(path: indexPath, reason: "tensor '\(name)' is listed more than once")
            }
            let file: SafetensorsFile
            if let open = byShard[shard] {
                file = open
            } else {
                file = try SafetensorsFile(path: folder + shard)
                byShard[shard] = file
                files.append(file)
            }
            guard file.contains(name) else {
                throw .invalidIndex(path: indexPath, reason: "tensor '\(name)' is not in its shard \(file.path)")
            }
            map[name] = file
        }
        return (files, map)
    }
}
