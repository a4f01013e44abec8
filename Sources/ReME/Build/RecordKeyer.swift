import Foundation

/// Computes the `BuildRecordKey` of an image as its inputs are now.
struct RecordKeyer {
    let imagesFolder: URL
    let masks: MaskSource?
    let settings: ContentDigest
    /// A single masks file serves every image: hashed once.
    private let singleMasksFile: ContentDigest?

    init(imagesFolder: URL, masks: MaskSource?, settings: ContentDigest) {
        self.imagesFolder = imagesFolder
        self.masks = masks
        self.settings = settings
        singleMasksFile = masks.flatMap { $0.isFolder ? nil : ContentDigest(contentsOfFile: $0.path.path) }
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
        guard let masks else { return nil }
        guard masks.isFolder else { return singleMasksFile }
        guard let file = try? masks.file(for: image) else { return nil }
        return ContentDigest(contentsOfFile: file.path)
    }
}
