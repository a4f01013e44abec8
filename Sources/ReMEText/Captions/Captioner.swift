import Foundation

/// Anything that turns an image file into a caption (a chat-completions server, a test double).
public protocol Captioner: Sendable {
    func caption(imageAt url: URL) async throws(CaptionError) -> String
}

/// The captioning prompt of the ReME paper (LLaVA-1.5).
public let defaultCaptionPrompt = """
    Describe this image in detail. Mention all visible objects, their parts, context and \
    features such as size, color and texture. Also describe the background/foreground context, \
    including any natural scenery or man-made structures such as walls, ceiling, sky and clouds. \
    Focus only on visible objects or context. Avoid guessing or speculation.
    """
