import Foundation
import ReMEImage
import Testing

/// What a run of scripts/browser_check.py over the block image must show, with the labels ordered
/// so that the winning class is class 1 (ServePageFixture) and the overlay opacity at 1 (so a
/// tinted pixel is exactly its class's palette colour).
extension BrowserCheckSummary {
    func expectRoundTrip(browser: String, labels: [String], dropped: Bool) throws {
        #expect(failures.isEmpty, "\(browser): \(failures)")
        #expect(self.browser == browser)

        // Delivery: the drop carried the file (the zone highlighted while dragging), or the file input did.
        if dropped {
            let drop = try #require(drop, "\(browser): no drop")
            #expect(drop.files == 1 && drop.dragover_accepted && drop.highlighted_while_dragging && drop.highlight_cleared, "\(drop)")
            #expect(drop.drop_zone_text == "blocks.png")
        }

        // The round trip drew an overlay of the image's size in the class colours, and a legend.
        let overlay = try #require(overlay, "\(browser): no overlay")
        #expect(overlay.width == 160 && overlay.height == 120)
        #expect(overlay.tinted_fraction > 0.5, "overlay pixels that differ from the photo: \(overlay.tinted_fraction)")
        #expect(overlay.legend.first?.name == labels[1], "the winner leads the legend: \(overlay.legend)")
        #expect(overlay.legend.allSatisfy { labels.contains($0.name ?? "") && $0.checked })
        #expect(overlay.downloads == ["label PNG", "overlay PNG", "JSON"])

        // Hover: a real pointer move names a label and a confidence for the pixel under the pointer.
        let hover = try #require(hover, "\(browser): no hover readout")
        #expect(labels.contains(hover.label), "\(hover.readout)")
        #expect((0...1).contains(hover.confidence) && hover.readout.contains("confidence"), "\(hover.readout)")
        #expect(abs(hover.x - hover.expected_x) <= 1 && abs(hover.y - hover.expected_y) <= 1, "\(hover)")
        #expect(hover.tooltip_shown)

        // Toggle: switching the hovered class off shows the photo there and changes no pixel of
        // another class; switching it on restores every pixel.
        let toggle = try #require(toggle, "\(browser): no toggle")
        #expect(toggle.label == hover.label)
        #expect(!toggle.off.checked && toggle.off.dimmed && toggle.off.hovered_pixel_changed && toggle.off.hovered_pixel_is_photo, "\(toggle.off)")
        let share = try #require(toggle.legend_share)
        #expect(toggle.off.changed_pixels > 0)
        #expect(Double(toggle.off.changed_pixels) <= (share + 0.0005) * Double(toggle.off.pixels) + 1,
                "\(toggle.off.changed_pixels) of \(toggle.off.pixels) pixels changed; the class's share is \(share)")
        #expect(toggle.on.checked && !toggle.on.dimmed && toggle.on.changed_pixels == 0, "\(toggle.on)")

        // Screenshots: the winner's colour in the overlay and its legend swatch, not in the
        // original; on the phone, nothing wider than the window.
        let desktop = try #require(desktop, "\(browser): no desktop layout")
        #expect(desktop.inner_width == 1200)
        try Self.expectColours(desktop)
        let phone = try #require(phone, "\(browser): no phone layout")
        // (Chromium's mobile emulation widens the window to wide content rather than scroll, hence both.)
        #expect(phone.inner_width == 390)
        #expect(phone.scroll_width <= 390, "the phone layout scrolls sideways: \(phone.scroll_width) > 390")
        #expect(phone.no_horizontal_scroll == true)
        try Self.expectColours(phone)
    }

    /// Decodes the screenshot with this repository's PNG decoder and counts the winner's colour
    /// inside the overlay, legend and original rectangles.
    static func expectColours(_ layout: Layout) throws {
        let shot = try PixelImage(contentsOfFile: layout.screenshot)
        let scale = layout.device_pixel_ratio
        // The viewport (desktop) or the whole page (phone; less a classic scroll bar's width).
        let widths = Int((layout.client_width * scale).rounded())...Int((layout.inner_width * scale).rounded())
        #expect(widths.contains(shot.width), "screenshot \(shot.width) px wide, the window \(layout.inner_width)")
        func count(_ name: String) throws -> (found: Int, area: Int) {
            let rect = try #require(layout.rects[name], "no \(name) rectangle")
            let box = rect.pixels(scale: scale, inset: 2)
            return (shot.count(ServePageFixture.winnerColour, x: box.x, y: box.y), box.x.count * box.y.count)
        }
        let overlay = try count("overlay"), legend = try count("legend"), original = try count("original")
        // The winner has at least a quarter of the four blocks' pixels; boundaries take a little.
        #expect(overlay.area > 0 && Double(overlay.found) >= 0.2 * Double(overlay.area),
                "overlay pixels in the winner's colour: \(overlay.found) of \(overlay.area)")
        #expect(legend.found >= 200, "legend swatch pixels: \(legend.found)")
        #expect(original.found < max(1, overlay.found / 10), "the original stays untinted: \(original.found)")
    }
}
