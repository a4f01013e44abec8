import Foundation
import ReME
import ReMEImage

/// The JSON answer of `POST /v1/segment` (docs/serve.md). Images travel inline as base64 PNG so
/// that one response is self-contained (no second request, no server-side storage):
/// - `label_png`: indexed PNG with the VOC palette whose pixel values are class ids (16-bit gray
///   above 256 labels), the file `reme segment --output` writes;
/// - `confidence_png`: 8-bit gray PNG, `round(255 × confidence)` of the pixel's class on its segment;
/// - `overlay_png`: the photo tinted with class colours and a legend, as `reme segment --overlay`.
struct SegmentResponse {
    static let palette = VOCPalette.colors(count: 256)

    /// Milliseconds spent before the worker started (body read, queue wait).
    var queueMilliseconds: Double
    var decodeMilliseconds: Double

    func json(_ result: SegmentationOutput, photo: PixelImage, labels: [String]) throws -> Data {
        let clock = Date()
        // The three encodings are independent: run them side by side (one worker leaves the other
        // core idle while it encodes).
        let jobs: [@Sendable () throws -> Data] = [
            { try Self.labelMap(result) },
            {
                let confidence = result.pixelConfidence().map { UInt8((min(1, max(0, $0)) * 255).rounded()) }
                return try PNGEncoder.encode(PixelImage(width: result.width, height: result.height, channels: 1, pixels: confidence))
            },
            { try PNGEncoder.encode(ClassOverlay.render(image: photo, classMap: result.classMap, classNames: result.classNames)) },
        ]
        let encoded = ParallelResults<Data>(count: jobs.count)
        DispatchQueue.concurrentPerform(iterations: jobs.count) { i in encoded.store(i, Result { try jobs[i]() }) }
        let pngs = try encoded.values()
        let (labelPNG, confidencePNG, overlayPNG) = (pngs[0], pngs[1], pngs[2])
        let encodeMilliseconds = Date().timeIntervalSince(clock) * 1000
        let classes = result.classSummary().enumerated().map { (id, entry) -> [String: Any] in
            ["id": id, "name": entry.name, "share": entry.share, "mean_confidence": entry.confidence, "color": Self.color(id)]
        }
        let t = result.timings
        let object: [String: Any] = [
            "api_version": 1,
            "width": result.width, "height": result.height, "labels": labels, "segments": result.segments.count,
            "classes": classes,
            "timings_ms": ["queue": queueMilliseconds, "decode": decodeMilliseconds, "segmenting": t.segmenting * 1000,
                           "visual_features": t.visualFeatures * 1000, "retrieval": t.retrieval * 1000,
                           "painting": t.painting * 1000, "encode": encodeMilliseconds],
            "label_png": labelPNG.base64EncodedString(),
            "confidence_png": confidencePNG.base64EncodedString(),
            "overlay_png": overlayPNG.base64EncodedString(),
        ]
        return try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
    }

    /// The class map as `reme segment` writes it.
    private static func labelMap(_ result: SegmentationOutput) throws -> Data {
        if result.classNames.count <= 256 {
            let ids = PixelImage(width: result.width, height: result.height, channels: 1,
                                 pixels: result.classMap.map { UInt8(truncatingIfNeeded: $0) })
            return try PNGEncoder.encodeIndexed(ids, palette: palette)
        }
        return try PNGEncoder.encode(UInt16Image(width: result.width, height: result.height, channels: 1,
                                                 pixels: result.classMap.map { UInt16(truncatingIfNeeded: $0) }))
    }

    /// `#rrggbb` of class `id` in the label PNG's palette (wrapping as the overlay does).
    static func color(_ id: Int) -> String {
        let i = (id % 256) * 3
        return String(format: "#%02x%02x%02x", palette[i], palette[i + 1], palette[i + 2])
    }
}

/// Results of jobs run with `DispatchQueue.concurrentPerform`, one slot each.
final class ParallelResults<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Result<T, any Error>?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func store(_ index: Int, _ result: Result<T, any Error>) {
        lock.lock()
        slots[index] = result
        lock.unlock()
    }

    /// The values in order, or the first error.
    func values() throws -> [T] {
        lock.lock()
        defer { lock.unlock() }
        return try slots.map { slot in
            guard let slot else { throw ServeError.internalError("an encoding job did not run") }
            return try slot.get()
        }
    }
}
