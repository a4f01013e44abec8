import Foundation

/// The images of a build: every JPEG/PNG under a folder, as sorted relative paths.
public enum ImageFolder {
    static let extensions: Set<String> = ["jpg", "jpeg", "png"]

    public static func list(_ folder: URL) throws(BuildError) -> [String] {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue,
              let walker = fm.enumerator(atPath: folder.path) else {
            throw .io(path: folder.path, message: "not a readable folder")
        }
        var paths: [String] = []
        while let next = walker.nextObject() as? String {
            let ext = (next as NSString).pathExtension.lowercased()
            if extensions.contains(ext), !next.split(separator: "/").contains(where: { $0.hasPrefix(".") }) {
                paths.append(next)
            }
        }
        guard !paths.isEmpty else { throw .noImages(folder: folder.path) }
        return paths.sorted()
    }
}
