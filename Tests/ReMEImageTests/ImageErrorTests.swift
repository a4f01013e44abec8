import Foundation
import ReMEImage
import ReMETestSupport
import Testing

@Suite struct ImageErrorTests {
    private func error(for name: String) -> ImageError? {
        do {
            _ = try PixelImage(contentsOfFile: ImageFixtures.path(name))
            return nil
        } catch {
            return error
        }
    }

    @Test func truncatedJPEGIsTruncated() throws {
        guard case .truncated(_, "JPEG", _)? = error(for: "broken_truncated.jpg") else {
            Issue.record("expected truncated JPEG, got \(String(describing: error(for: "broken_truncated.jpg")))")
            return
        }
    }

    @Test func truncatedPNGIsTruncated() throws {
        for name in ["broken_truncated.png", "broken_signature_only.png"] {
            guard case .truncated(_, "PNG", _)? = error(for: name) else {
                Issue.record("expected truncated PNG for \(name), got \(String(describing: error(for: name)))")
                continue
            }
        }
    }

    @Test(arguments: ["broken_header_only.jpg", "broken_zero_size.jpg", "broken_crc.png"])
    func corruptFilesThrow(name: String) throws {
        let failure = try #require(error(for: name))
        #expect(failure.description.contains(ImageFixtures.path(name)))
        switch failure {
        case .corrupt, .truncated: break
        default: Issue.record("unexpected error \(failure)")
        }
    }

    @Test func emptyAndGarbageAndMissing() {
        #expect(error(for: "broken_empty.png") == .empty(source: ImageFixtures.path("broken_empty.png")))
        guard case .unknownFormat? = error(for: "broken_garbage.bin") else {
            Issue.record("garbage not reported as unknown format")
            return
        }
        guard case .unreadable? = error(for: "does_not_exist.png") else {
            Issue.record("missing file not reported as unreadable")
            return
        }
    }

    /// Every prefix of a valid file must fail with an error (or decode), never crash.
    @Test(arguments: ["baseline.jpg", "progressive.jpg", "interlaced_rgb.png", "palette.png"])
    func everyPrefixFailsCleanly(name: String) throws {
        let data = try ImageFixtures.data(name)
        var failures = 0
        for length in stride(from: 0, to: data.count, by: 7) {
            do {
                _ = try PixelImage(decoding: data.prefix(length))
            } catch {
                failures += 1
            }
        }
        #expect(failures >= data.count / 7 - 2)
    }

    @Test func randomCorruptionNeverCrashes() throws {
        var generator = SeededGenerator(seed: 2025)
        for name in ["baseline.jpg", "rgb.png", "gray16.png"] {
            let original = [UInt8](try ImageFixtures.data(name))
            for _ in 0..<40 {
                var bytes = original
                for _ in 0..<4 { bytes[Int.random(in: 2..<bytes.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator) }
                if let image = try? PixelImage(decoding: Data(bytes)) {
                    #expect(image.pixels.count == image.width * image.height * image.channels)
                }
            }
        }
    }

    @Test func oversizedImagesAreRefused() {
        #expect(throws: ImageError.tooLarge(source: ImageFixtures.path("rgb.png"), width: 37, height: 23, limit: 100)) {
            try PixelImage(contentsOfFile: ImageFixtures.path("rgb.png"), options: .init(maxPixels: 100))
        }
    }
}
