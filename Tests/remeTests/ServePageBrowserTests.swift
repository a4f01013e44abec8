import Foundation
import ReMEImage
import Testing

/// The page at / in a real headless Chromium (Debian's `chromium`): a link carrying labels and an
/// image makes the page post it to /v1/segment and draw the overlay and legend; the screenshot,
/// decoded with this repository's PNG decoder, must show the dominant class's palette colour in
/// the overlay and in the legend.
@Suite(.serialized) struct ServePageBrowserTests {
    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }

    @Test func thePageSegmentsAnImageAndShowsTheOverlayAndLegend() async throws {
        guard let chromium = Self.chromium else {
            print("ServePageBrowserTests: skipped — chromium is not installed (scripts/install-debian-packages.sh installs it)")
            return
        }
        let w = try PipelineWorkspace()
        defer { w.remove() }
        let server = try ServeProcess(["--clip", w.clip] + PipelineWorkspace.fastOptions)
        defer { server.stop() }
        let png = try ServePageFixture.blocks()
        // The winner at id 1 (VOC colour #800000), so the check does not rely on class 0's black.
        let labels = try await ServePageFixture.labels(server: server.base, png: png)

        let dataURL = "data:image/png;base64," + png.base64EncodedString()
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let fragment = "labels=\(labels.joined(separator: ","))&opacity=1&image="
            + (dataURL.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")
        let shot = w.path("page.png")
        let browser = Process()
        browser.executableURL = URL(fileURLWithPath: chromium)
        browser.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars",
                             "--no-first-run", "--user-data-dir=\(w.path("chromium-profile"))", "--window-size=1200,900",
                             "--virtual-time-budget=60000", "--screenshot=\(shot)", server.base + "/#" + fragment]
        browser.standardOutput = FileHandle.nullDevice
        browser.standardError = FileHandle.nullDevice
        try browser.run()
        let deadline = Date().addingTimeInterval(180)
        while browser.isRunning && Date() < deadline { try await Task.sleep(nanoseconds: 100_000_000) }
        if browser.isRunning { browser.terminate() }
        browser.waitUntilExit()

        let image = try PixelImage(contentsOfFile: shot)
        #expect(image.width == 1200)
        // Layout at 1200 px: original | overlay | legend (docs/serve.md, "The page").
        func count(_ xs: Range<Int>) -> Int { image.count(ServePageFixture.winnerColour, x: xs, y: 0..<image.height) }
        let overlay = count(460..<915), legend = count(915..<1200), original = count(0..<455)
        #expect(overlay > 3000, "overlay pixels in the winner's colour: \(overlay)")
        #expect(legend >= 200, "legend swatch pixels: \(legend)")
        #expect(original < overlay / 10, "the original stays untinted: \(original)")
    }
}
