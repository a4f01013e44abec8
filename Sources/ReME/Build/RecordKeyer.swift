import Foundation

/// Computes the `BuildRecordKey` of an image as its inputs are now.
struct RecordKeyer {
    let imagesFolder: URL
    let masks: any MaskGenerator
    let settings: ContentDigest
    /// Masks files hashed in this run, by path: a single file serving every image is read once.
    private let maskDigests = LockedCache<String, ContentDigest?>()

    init(imagesFolder: URL, masks: any MaskGenerator, settings: ContentDigest) {
        self.imagesFolder = imagesFolder
        self.masks = masks
        self.settings = settings
    }

    func imagePath(_ image: String) -> String { imagesFolder.appendingPathComponent(image).path }

    /// Reads the image file to hash it.
    func key(image: String, caption: String) -> BuildRecordKey {
        key(image: image, caption: caption, imageBytes: ContentDigest(contentsOfFile: imagePath(image)))
    }

    /// - Parameter imageBytes: the digest of the image file, nil when it cannot be read.
    func key(image: String, caption: String, imageBytes: ContentDigest?) -> BuildRecordKey {
        BuildRecordKey(image: imageBytes, caption: ContentDigest(caption), masks: masksDigest(for: image), settings: settings)
    }

    private func masksDigest(for image: String) -> ContentDigest? {
        guard let file = masks.maskFile(for: image) else { return nil }
        return maskDigests.value(for: file.path) { ContentDigest(contentsOfFile: file.path) }
    }
}
