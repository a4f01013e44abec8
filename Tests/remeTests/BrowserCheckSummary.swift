/// The JSON that `scripts/browser_check.py` prints (docs/serve.md, "Tests"). Everything past the
/// browser's name is optional: a run that stopped early reports only how far it got.
struct BrowserCheckSummary: Decodable {
    struct Drop: Decodable {
        var files: Int
        var dragover_accepted: Bool
        var highlighted_while_dragging: Bool
        var highlight_cleared: Bool
        var drop_zone_text: String
    }
    struct LegendEntry: Decodable {
        var name: String?
        var share: Double
        var checked: Bool
        var swatch: String
    }
    /// The overlay canvas after the round trip; `tinted_fraction` is the share of its pixels that
    /// differ from the photo.
    struct Overlay: Decodable {
        var width: Int
        var height: Int
        var tinted_fraction: Double
        var legend: [LegendEntry]
        var downloads: [String]
    }
    /// The readout after a real pointer move to image pixel (expected_x, expected_y).
    struct Hover: Decodable {
        var x: Int
        var y: Int
        var expected_x: Int
        var expected_y: Int
        var label: String
        var confidence: Double
        var readout: String
        var tooltip_shown: Bool
    }
    /// The overlay compared with its pixels before the class's checkbox was clicked.
    struct ToggleState: Decodable {
        var checked: Bool
        var dimmed: Bool
        var changed_pixels: Int
        var pixels: Int
        var hovered_pixel_changed: Bool
        var hovered_pixel_is_photo: Bool
    }
    struct Toggle: Decodable {
        var label: String
        var legend_share: Double?
        var off: ToggleState
        var on: ToggleState
    }
    /// A rectangle in CSS pixels, in document coordinates.
    struct Rect: Decodable {
        var x: Double
        var y: Double
        var width: Double
        var height: Double

        /// The pixel columns and rows of a screenshot that starts at the document's origin,
        /// shrunk by `inset` pixels on each side (away from rounded corners and scaled edges).
        func pixels(scale: Double, inset: Int) -> (x: Range<Int>, y: Range<Int>) {
            let x0 = Int((x * scale).rounded(.up)) + inset, x1 = Int(((x + width) * scale).rounded(.down)) - inset
            let y0 = Int((y * scale).rounded(.up)) + inset, y1 = Int(((y + height) * scale).rounded(.down)) - inset
            return (x0..<max(x0, x1), y0..<max(y0, y1))
        }
    }
    struct Layout: Decodable {
        var inner_width: Double
        var inner_height: Double
        var scroll_width: Double
        /// The width without a vertical scroll bar: a whole-page screenshot is this wide.
        var client_width: Double
        var device_pixel_ratio: Double
        var rects: [String: Rect]
        var screenshot: String
        var no_horizontal_scroll: Bool?
    }

    var browser: String
    var version: String?
    var ok: Bool
    var failures: [String]
    var error: String?
    var drop: Drop?
    var status: String?
    var overlay: Overlay?
    var hover: Hover?
    var toggle: Toggle?
    var desktop: Layout?
    var phone: Layout?
    var seconds: Double?
}
