import Foundation
import ReME
import ReMEImage

/// What `POST /v1/segment` asks for, read from a multipart form or from raw image bytes plus query
/// parameters (docs/serve.md). Only bytes in the request are ever read: no field names a file.
struct SegmentRequest: Sendable {
    var image: [UInt8]
    var labels: [String]
    var settings: SegmentSettings

    static let rawImageTypes = ["image/jpeg", "image/png", "application/octet-stream"]
    static let fieldNames: Set<String> = ["image", "labels", "background_threshold", "tau_visual", "tau_text", "top_k"]

    /// - Parameters:
    ///   - contentType: the request's Content-Type header.
    ///   - query: decoded query parameters.
    static func parse(body: [UInt8], contentType: String?, query: [String: String], limits: ServerLimits) throws(ServeError) -> SegmentRequest {
        guard let contentType, !contentType.isEmpty else {
            throw .unsupportedMedia("give a Content-Type: multipart/form-data, image/jpeg, image/png or application/octet-stream")
        }
        let mediaType = contentType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        var fields = query
        let image: [UInt8]
        if mediaType == "multipart/form-data" {
            let parts: [MultipartPart]
            do throws(MultipartError) {
                parts = try MultipartFormData.parse(body, boundary: try MultipartFormData.boundary(contentType: contentType))
            } catch { throw .badRequest("malformed_multipart", error.message) }
            var file: [UInt8]?
            for part in parts {
                guard fieldNames.contains(part.name) else { throw .badRequest("unknown_field", "unknown form field '\(part.name)'") }
                if part.name == "image" {
                    guard file == nil else { throw .badRequest("duplicate_field", "the form has two 'image' fields") }
                    file = part.body
                } else {
                    guard fields[part.name] == nil else { throw .badRequest("duplicate_field", "'\(part.name)' is given twice") }
                    fields[part.name] = part.text
                }
            }
            guard let file else { throw .badRequest("missing_image", "the form has no 'image' file field") }
            image = file
        } else if rawImageTypes.contains(mediaType) {
            image = body
        } else {
            throw .unsupportedMedia("Content-Type '\(mediaType)' is not accepted: send multipart/form-data or the image bytes")
        }
        for key in fields.keys where !fieldNames.contains(key) || key == "image" {
            throw .badRequest("unknown_field", "unknown parameter '\(key)'")
        }
        guard !image.isEmpty else { throw .badRequest("missing_image", "the image is empty (0 bytes)") }
        guard image.withUnsafeBytes({ ImageFormat.sniff($0) }) != nil else {
            throw .unsupportedMedia("the image is not a JPEG or PNG (first bytes \(image.prefix(4).map { String(format: "%02X", $0) }.joined(separator: " ")))")
        }
        guard let labelText = fields["labels"] else { throw .badRequest("bad_labels", "give 'labels', comma-separated class names") }
        let labels: [String]
        do throws(PipelineError) { labels = try LabelList.parse([labelText]) } catch { throw .badRequest("bad_labels", error.description) }
        guard labels.count <= limits.maxLabels else {
            throw .badRequest("bad_labels", "\(labels.count) labels: this server accepts at most \(limits.maxLabels)")
        }
        let settings = SegmentSettings(
            backgroundThreshold: try number(fields, "background_threshold", in: 0...1),
            visualTemperature: try number(fields, "tau_visual", in: Float.leastNormalMagnitude...1e6),
            textTemperature: try number(fields, "tau_text", in: Float.leastNormalMagnitude...1e6),
            topK: try integer(fields, "top_k", in: 1...1_000_000))
        if settings.backgroundThreshold != nil, !labels.contains(where: { $0.lowercased() == "background" }) {
            throw .badRequest("bad_labels", "background_threshold needs a label named 'background'")
        }
        return SegmentRequest(image: image, labels: labels, settings: settings)
    }

    private static func number(_ fields: [String: String], _ key: String, in range: ClosedRange<Float>) throws(ServeError) -> Float? {
        guard let text = fields[key] else { return nil }
        guard let value = Float(text.trimmingCharacters(in: .whitespaces)), value.isFinite, range.contains(value) else {
            throw .badRequest("bad_parameter", "\(key) must be a number in \(range.lowerBound)…\(range.upperBound), not '\(text.prefix(40))'")
        }
        return value
    }

    private static func integer(_ fields: [String: String], _ key: String, in range: ClosedRange<Int>) throws(ServeError) -> Int? {
        guard let text = fields[key] else { return nil }
        guard let value = Int(text.trimmingCharacters(in: .whitespaces)), range.contains(value) else {
            throw .badRequest("bad_parameter", "\(key) must be an integer in \(range.lowerBound)…\(range.upperBound), not '\(text.prefix(40))'")
        }
        return value
    }
}

/// `a=1&b=x+y` → ["a": "1", "b": "x y"] (percent-decoded; a repeated key keeps the last value).
func decodeQuery(_ query: String?) -> [String: String] {
    guard let query, !query.isEmpty else { return [:] }
    var out: [String: String] = [:]
    for pair in query.split(separator: "&") where !pair.isEmpty {
        let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        func decode(_ s: Substring) -> String {
            let spaced = s.replacingOccurrences(of: "+", with: " ")
            return spaced.removingPercentEncoding ?? spaced
        }
        out[decode(kv[0])] = kv.count > 1 ? decode(kv[1]) : ""
    }
    return out
}
