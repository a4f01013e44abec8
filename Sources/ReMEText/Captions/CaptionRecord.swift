/// One image's caption: `image` is the file name relative to the image folder.
public struct CaptionRecord: Codable, Sendable, Equatable {
    public var image: String
    public var caption: String

    public init(image: String, caption: String) {
        self.image = image
        self.caption = caption
    }
}
