import Foundation
@testable import ReMEImage
import Synchronization
import Testing

/// FreeType text for overlay legends, with the Debian fonts scripts/install-debian-packages.sh installs.
@Suite struct LegendFontTests {
    private static let labels = ["cat", "猫", "犬", "Ünïcödé", "собака"]

    private static func font(_ pixelSize: Int = 13) throws -> FontStack {
        try FontStack.shared(files: FontDiscovery.fontFiles(environment: [:]), pixelSize: pixelSize)
    }

    /// Where `text` leaves ink on a black canvas: (pixel index, coverage) for every touched pixel.
    private static func ink(_ text: String, font: FontStack) -> [Int: UInt8] {
        var canvas = PixelImage(width: 200, height: 3 * font.lineHeight, channels: 1,
                                pixels: [UInt8](repeating: 0, count: 200 * 3 * font.lineHeight))
        font.draw(text: text, into: &canvas, at: (4, font.lineHeight), color: .white)
        var touched: [Int: UInt8] = [:]
        for (index, value) in canvas.pixels.enumerated() where value > 0 { touched[index] = value }
        return touched
    }

    @Test func findsDejaVuFirstAndACJKFontAfterIt() throws {
        let files = try FontDiscovery.fontFiles(environment: [:])
        #expect(files.first == "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
        #expect(files.count >= 2, "install \(FontDiscovery.cjkPackage) (scripts/install-debian-packages.sh)")
        let font = try Self.font()
        #expect(font.fontFile(for: "c") == files[0])
        #expect(font.fontFile(for: "с") == files[0])  // Cyrillic
        #expect(font.fontFile(for: "Ü") == files[0])
        let cjk = try #require(font.fontFile(for: "猫"))
        #expect(cjk != files[0] && files.contains(cjk))
        #expect(font.fontFile(for: "\u{10FFFD}") == nil)  // private use: no font has it
    }

    @Test func everyLabelIsDrawnWithItsOwnGlyphs() throws {
        let font = try Self.font()
        let question = Self.ink("?", font: font)
        #expect(Self.ink("", font: font).isEmpty)
        for label in Self.labels {
            let ink = Self.ink(label, font: font)
            #expect(ink.count > 10, "\(label) leaves too little ink")
            #expect(ink != question, "\(label) is drawn as '?'")
            #expect(ink != Self.ink(String(repeating: "?", count: label.count), font: font), "\(label) is drawn as '?'s")
            #expect(font.width(of: label) > 0)
        }
        #expect(Self.ink("猫", font: font) != Self.ink("犬", font: font))
        // Decomposed accents are composed first: the same pixels as the precomposed word.
        #expect(Self.ink("U\u{308}ni\u{308}co\u{308}de\u{301}", font: font) == Self.ink("Ünïcödé", font: font))
        // A character no font has is the first font's .notdef box: ink, but not '?'.
        let missing = Self.ink("\u{10FFFD}", font: font)
        #expect(!missing.isEmpty && missing != question)
    }

    @Test func metricsComeFromTheFont() throws {
        for size in [13, 18] {
            let font = try Self.font(size)
            #expect(font.ascent > size / 2 && font.ascent <= size + 2)
            #expect(font.descent > 0 && font.descent < size / 2)
            #expect(font.lineHeight >= size && font.lineHeight <= 2 * size)
            let x = font.glyph(for: "x"), capital = font.glyph(for: "H"), g = font.glyph(for: "g")
            #expect(x.top > 0 && x.top < capital.top && capital.top <= font.ascent)
            #expect(g.top - g.height < 0 && g.height - g.top <= font.descent)  // descender below the baseline
            #expect(font.glyph(for: "_").top <= 1)
            #expect(font.glyph(for: " ").coverage.allSatisfy { $0 == 0 } && font.glyph(for: " ").advance > 0)
            let cat = font.glyph(for: "猫")
            #expect(abs(cat.advance - size) <= 2 && cat.top <= font.ascent + 1)
            #expect(font.glyph(for: "i").advance < font.glyph(for: "W").advance)  // proportional
        }
    }

    @Test func drawingBlendsClipsAndSupportsGray() throws {
        let font = try Self.font()
        var gray = PixelImage(width: 10, height: 10, channels: 1, pixels: [UInt8](repeating: 0, count: 100))
        font.draw(text: "II", into: &gray, at: (-3, -3), color: .white)
        let clipped = gray
        font.draw(text: "I", into: &gray, at: (100, 100), color: .white)
        #expect(gray == clipped)
        // The second stem lies inside (it may straddle two columns), the first partly outside.
        let rowInk = (0..<10).map { x in (0..<10).reduce(0) { $0 + Int(gray.pixels[$1 * 10 + x]) } }
        #expect(rowInk.reduce(0, +) > 8 * 255 && rowInk[9] == 0)
        var rgb = PixelImage(width: 30, height: 30, channels: 3, pixels: [UInt8](repeating: 255, count: 2700))
        font.draw(text: "H", into: &rgb, at: (2, 2), color: RGBColor(red: 200, green: 0, blue: 0))
        let darkest = stride(from: 0, to: 2700, by: 3).min { rgb.pixels[$0 + 1] < rgb.pixels[$1 + 1] } ?? 0
        #expect(rgb.pixels[darkest] >= 200 && rgb.pixels[darkest + 1] < 40)
        // Anti-aliased: some partial coverage between ink and paper.
        #expect(rgb.pixels.contains { $0 > 40 && $0 < 215 })
    }

    @Test func oneSharedInstanceDrawsFromManyThreads() throws {
        let font = try Self.font()
        #expect(try Self.font() === font)
        let scalars = Array("cat猫犬Ünïcödéсобака0123456789%".unicodeScalars)
        let expected = scalars.map { font.glyph(for: $0) }
        let results = Mutex(0)
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            let fresh = (try? FontStack(files: font.files, pixelSize: 13)).map { other in scalars.map { other.glyph(for: $0) } }
            let shared = scalars.map { font.glyph(for: $0) }
            if shared == expected && fresh == expected { results.withLock { $0 += 1 } }
        }
        #expect(results.withLock { $0 } == 8)
    }

    @Test func explicitFilesReplaceTheSearchList() throws {
        let dejavu = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
        #expect(try FontDiscovery.fontFiles([dejavu], environment: [:]) == [dejavu])
        let fromEnvironment = try FontDiscovery.fontFiles(environment: ["REME_FONT": "\(dejavu):\(dejavu)"])
        #expect(fromEnvironment == [dejavu, dejavu])
        #expect(throws: FontError.fileMissing(path: "/nonexistent/font.ttf")) {
            try FontDiscovery.fontFiles(environment: ["REME_FONT": "\(dejavu):/nonexistent/font.ttf"])
        }
        // Only DejaVu: CJK has no glyph, so it is drawn as .notdef, not as '?'.
        let latin = try FontStack(files: [dejavu], pixelSize: 13)
        #expect(latin.fontFile(for: "猫") == nil)
        #expect(latin.glyph(for: "猫") == latin.glyph(for: "\u{10FFFD}") && latin.glyph(for: "猫") != latin.glyph(for: "?"))
    }

    @Test func missingFontsAreTypedDescriptiveErrors() throws {
        let searched = ["/nonexistent/a.ttf", "/nonexistent/b.ttc"]
        let error = #expect(throws: FontError.self) { try FontDiscovery.fontFiles(nil, environment: [:], searching: searched) }
        #expect(error == .noFontFound(searched: searched))
        let text = error?.description ?? ""
        #expect(text.contains("/nonexistent/a.ttf") && text.contains("/nonexistent/b.ttc"))
        #expect(text.contains("fonts-dejavu-core") && text.contains("fonts-wqy-microhei") && text.contains("REME_FONT"))

        #expect(throws: ClassOverlayError.font(.fileMissing(path: "/nonexistent/font.ttf"))) {
            try ClassOverlay.render(image: PixelImage(width: 4, height: 4, channels: 3, pixels: [UInt8](repeating: 9, count: 48)),
                                    classMap: [Int32](repeating: 0, count: 16), classNames: ["cat"], fontFiles: ["/nonexistent/font.ttf"])
        }
        // Without a legend no font is needed.
        let plain = try ClassOverlay.render(image: PixelImage(width: 4, height: 4, channels: 3, pixels: [UInt8](repeating: 9, count: 48)),
                                            classMap: [Int32](repeating: 0, count: 16), classNames: ["cat"], legend: false,
                                            fontFiles: ["/nonexistent/font.ttf"])
        #expect(plain.width == 4)

        let notAFont = FileManager.default.temporaryDirectory.appendingPathComponent("reme-not-a-font-\(UUID().uuidString).ttf").path
        try Data("not a font".utf8).write(to: URL(fileURLWithPath: notAFont))
        defer { try? FileManager.default.removeItem(atPath: notAFont) }
        let unreadable = #expect(throws: FontError.self) { try FontStack(files: [notAFont], pixelSize: 13) }
        if case let .unreadableFont(path, _)? = unreadable { #expect(path == notAFont) } else { Issue.record("expected unreadableFont, got \(String(describing: unreadable))") }
        #expect(throws: FontError.invalidPixelSize(0)) { try FontStack(files: [notAFont], pixelSize: 0) }
    }

    /// A legend with Latin, CJK, accented and Cyrillic names: every name is drawn where the layout
    /// puts it, exactly as the font draws it alone. REME_LEGEND_DEMO=/tmp/legend.png keeps the picture.
    @Test func legendDrawsUnicodeNames() throws {
        let width = 160, height = 120
        let photo = PixelImage(width: width, height: height, channels: 3, pixels: (0..<width * height * 3).map { UInt8(($0 / 3) % 200) })
        let classMap = (0..<width * height).map { Int32(($0 % width) * Self.labels.count / width) }
        let out = try ClassOverlay.render(image: photo, classMap: classMap, classNames: Self.labels)
        if let path = ProcessInfo.processInfo.environment["REME_LEGEND_DEMO"] { try out.writePNG(to: path) }
        let font = try ClassOverlay.legendFont(imageWidth: width, imageHeight: height)
        let entries = try LegendEntry.entries(classMap: classMap, classNames: Self.labels)
        let layout = LegendRenderer.layout(entryCount: entries.count, longestName: entries.map { font.width(of: $0.name) }.max() ?? 0,
                                           imageWidth: width, imageHeight: height, font: font)
        #expect(out.width == layout.outputWidth && out.height == layout.outputHeight)
        for (index, entry) in entries.enumerated() {
            let origin = layout.entryOrigin(index)
            let nameX = origin.x + layout.swatch + layout.swatchGap
            var alone = LegendRenderer.filledImage(width: out.width, height: out.height, color: LegendRenderer.background)
            font.draw(text: entry.name, into: &alone, at: (nameX, origin.y), color: LegendRenderer.nameColor)
            var dark = 0
            for y in origin.y..<origin.y + font.lineHeight {
                for x in nameX..<nameX + layout.nameWidth {
                    let at = 3 * (y * out.width + x)
                    #expect(out.pixels[at] == alone.pixels[at], "\(entry.name) at (\(x), \(y))")
                    if out.pixels[at] < 128 { dark += 1 }
                }
            }
            #expect(dark > 5, "\(entry.name) has no ink")
        }
        // The first class is not black: no background class was named.
        #expect(entries.allSatisfy { $0.color != .black })
    }
}
