import Foundation
import ReMEImage
import Testing

/// What the browser tests of the page at / feed it: a small image of four flat blocks, and labels
/// ordered so that the class that wins on it is class 1, whose VOC colour #800000 is easy to find
/// in a screenshot (class 0's black is not).
enum ServePageFixture {
    /// The palette colour of class 1.
    static let winnerColour: [UInt8] = [128, 0, 0]

    /// A 160×120 PNG of four flat colour blocks (small enough to travel in a URL).
    static func blocks() throws -> Data {
        let width = 160, height = 120
        var pixels = [UInt8](repeating: 0, count: width * height * 3)
        let colours: [[UInt8]] = [[70, 130, 200], [90, 90, 90], [40, 120, 40], [200, 180, 120]]
        for y in 0..<height {
            for x in 0..<width {
                let c = colours[(y < height / 2 ? 0 : 2) + (x < width / 2 ? 0 : 1)]
                let i = (y * width + x) * 3
                pixels[i] = c[0]; pixels[i + 1] = c[1]; pixels[i + 2] = c[2]
            }
        }
        return try PNGEncoder.encode(PixelImage(width: width, height: height, channels: 3, pixels: pixels))
    }

    /// sky, road, tree, grass with the class that wins on `png` moved to index 1. Which class wins
    /// does not depend on the order of the labels, so one request to the server finds it.
    static func labels(server: String, png: Data) async throws -> [String] {
        var labels = ["sky", "road", "tree", "grass"]
        let probe = try await HTTP.send("POST", server + "/v1/segment?labels=" + labels.joined(separator: ","), body: png,
                                        headers: ["Content-Type": "image/png"])
        let classes = try #require(probe.json?["classes"] as? [[String: Any]], "the probe request failed: \(probe.status)")
        let winner = classes.max { ($0["share"] as? Double ?? 0) < ($1["share"] as? Double ?? 0) }?["name"] as? String ?? "sky"
        labels.removeAll { $0 == winner }
        labels.insert(winner, at: 1)
        return labels
    }
}

extension PixelImage {
    /// How many pixels in the rectangle (clipped to the image) have exactly this RGB colour.
    func count(_ rgb: [UInt8], x: Range<Int>, y: Range<Int>) -> Int {
        guard channels >= 3 else { return 0 }
        let xs = x.clamped(to: 0..<width), ys = y.clamped(to: 0..<height)
        var n = 0
        for row in ys {
            for column in xs {
                let i = (row * width + column) * channels
                if pixels[i] == rgb[0] && pixels[i + 1] == rgb[1] && pixels[i + 2] == rgb[2] { n += 1 }
            }
        }
        return n
    }
}
