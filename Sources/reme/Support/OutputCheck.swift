import Foundation

/// Checks, before any work starts, that the places a command will write to can be written:
/// a long evaluation or build must not end in "cannot write".
enum OutputCheck {
    /// A file will be written (or replaced) at `path`: it must not be a folder, and the folder
    /// it goes into must exist and be writable.
    static func file(_ path: String, option: String) throws(CLIFailure) {
        let fm = FileManager.default
        if isDirectory(path) {
            throw CLIFailure(message: "\(option) \(path) is a folder; give a file name")
        }
        if path.hasSuffix("/") {
            throw CLIFailure(message: "\(option) \(path) names a folder; give a file name")
        }
        let parent = parentFolder(of: path)
        guard fm.fileExists(atPath: parent) else {
            throw CLIFailure(message: "\(option) \(path): the folder \(parent) does not exist")
        }
        guard isDirectory(parent) else {
            throw CLIFailure(message: "\(option) \(path): \(parent) is a file, not a folder")
        }
        guard fm.isWritableFile(atPath: parent) else {
            throw CLIFailure(message: "\(option) \(path): the folder \(parent) is not writable")
        }
        if fm.fileExists(atPath: path), !fm.isWritableFile(atPath: path) {
            throw CLIFailure(message: "\(option) \(path) exists and is not writable")
        }
    }

    /// Files will be written into the folder `path`, which is created (with its parents) when
    /// missing: what exists of it must be folders, and the first existing one writable.
    static func folder(_ path: String, option: String) throws(CLIFailure) {
        let fm = FileManager.default
        var existing = path
        while !fm.fileExists(atPath: existing) {
            let parent = parentFolder(of: existing)
            guard parent != existing else { break }
            existing = parent
        }
        guard isDirectory(existing) else {
            let what = existing == path ? "is a file" : "cannot be created: \(existing) is a file"
            throw CLIFailure(message: "\(option) \(path) \(what), not a folder")
        }
        guard fm.isWritableFile(atPath: existing) else {
            throw CLIFailure(message: "\(option) \(path): the folder \(existing) is not writable")
        }
    }

    /// The folder a path lies in ("." for a bare name).
    static func parentFolder(of path: String) -> String {
        var trimmed = path
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
        let parent = (trimmed as NSString).deletingLastPathComponent
        return parent.isEmpty ? "." : parent
    }
}

func isDirectory(_ path: String) -> Bool {
    var isDir: ObjCBool = false
    return FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && isDir.boolValue
}
