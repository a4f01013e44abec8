import Foundation
import Testing

/// The page at / driven like a user in real headless browsers (scripts/browser_check.py: Firefox
/// over WebDriver BiDi, Chromium over the DevTools protocol): deliver an image, type labels, start
/// the segmentation, hover the overlay, switch a class off and on, then screenshots at 1200×900
/// and at a phone's 390×844 (BrowserCheckExpectations.swift says what must hold). A browser that
/// is not installed, or a missing /usr/bin/python3, skips its run with a message.
@Suite(.serialized) struct ServePageRoundTripTests {
    @Test func chromiumDropHoverToggleAndPhoneLayout() async throws {
        let page = try await PageUnderTest()
        defer { page.stop() }
        try await page.check("chromium", deliver: "drop", submit: "click")
    }

    @Test func firefoxDropHoverToggleAndPhoneLayout() async throws {
        let page = try await PageUnderTest()
        defer { page.stop() }
        try await page.check("firefox", deliver: "drop", submit: "enter")
    }

    /// The file input (what the picker fills) instead of a drop, with the other way to submit.
    @Test func theFileInputWorksInBothBrowsers() async throws {
        let page = try await PageUnderTest()
        defer { page.stop() }
        try await page.check("chromium", deliver: "file", submit: "enter")
        try await page.check("firefox", deliver: "file", submit: "click")
    }
}

/// `reme serve` with the tiny fixture models, the block image on disk and the labels for it.
private struct PageUnderTest {
    let workspace: PipelineWorkspace
    let server: ServeProcess
    let labels: [String]
    let image: String

    init() async throws {
        let workspace = try PipelineWorkspace()
        var server: ServeProcess?
        do {
            let started = try ServeProcess(["--clip", workspace.clip] + PipelineWorkspace.fastOptions)
            server = started
            let png = try ServePageFixture.blocks()
            labels = try await ServePageFixture.labels(server: started.base, png: png)
            image = workspace.path("blocks.png")
            try png.write(to: URL(fileURLWithPath: image))
            self.server = started
            self.workspace = workspace
        } catch {
            server?.stop()
            workspace.remove()
            throw error
        }
    }

    func stop() {
        server.stop()
        workspace.remove()
    }

    func check(_ browser: String, deliver: String, submit: String) async throws {
        guard let executable = BrowserCheck.executable(browser), let python = BrowserCheck.python else {
            print("ServePageRoundTripTests: skipped — \(browser) or /usr/bin/python3 is not installed (scripts/install-debian-packages.sh installs both)")
            return
        }
        let run = try await BrowserCheck.run(python: python, arguments: [
            browser, "--executable", executable, "--base-url", server.base, "--image", image,
            "--labels", labels.joined(separator: ","), "--out", workspace.path("shots-\(browser)-\(deliver)"),
            "--deliver", deliver, "--submit", submit, "--opacity", "1",
        ], folder: workspace.root.path, timeout: 90)
        let summary = try #require(run.summary, "no JSON summary from browser_check.py \(browser): \(run.stdout) \(run.stderr)")
        print("ServePageRoundTripTests: \(summary.version ?? browser), \(deliver) + \(submit): \(String(format: "%.1f", run.seconds)) s")
        #expect(run.status == 0, "browser_check.py \(browser) exited \(run.status): \(run.stderr)")
        try summary.expectRoundTrip(browser: browser, labels: labels, dropped: deliver == "drop")
    }
}
