import Foundation

/// The images a build works on: those of the images folder that have a caption, in path order.
public struct BuildInput: Sendable {
    public struct Image: Sendable {
        /// Path relative to the images folder.
        public var path: String
        public var caption: String
    }

    public let images: [Image]
    /// Images of the folder that have no caption: not part of the build.
    public let withoutCaption: [String]
    /// Digest of every image path with its caption: equal for shards that ran on the same
    /// image list and captions (image bytes are not read for it; each shard keys its own).
    public let digest: ContentDigest

    /// - Parameter paths: the folder's images, sorted (`ImageFolder.list`).
    public init(paths: [String], captions: CaptionLookup, folder: URL) throws(BuildError) {
        var images: [Image] = []
        var withoutCaption: [String] = []
        var hasher = XXHash64()
        var byteCount: UInt64 = 0
        for path in paths {
            guard let caption = captions.caption(for: path) else {
                withoutCaption.append(path)
                continue
            }
            images.append(Image(path: path, caption: caption))
            // Length-prefixed, so no split of the text between path and caption hashes alike.
            for text in [path, caption] {
                var copy = text
                copy.withUTF8 { utf8 in
                    withUnsafeBytes(of: UInt64(utf8.count).littleEndian) { hasher.update($0) }
                    hasher.update(UnsafeRawBufferPointer(utf8))
                }
                byteCount += 8 + UInt64(text.utf8.count)
            }
        }
        guard !images.isEmpty else { throw .noCaptionedImages(folder: folder.path, images: paths.count) }
        self.images = images
        self.withoutCaption = withoutCaption
        digest = ContentDigest(hash: hasher.finalize(), byteCount: byteCount)
    }
}
