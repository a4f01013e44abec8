import Foundation

/// One part of a `multipart/form-data` body (RFC 7578): a form field or a file.
public struct MultipartPart: Sendable, Equatable {
    /// The `name` of its Content-Disposition.
    public var name: String
    /// The `filename` of its Content-Disposition, for file fields.
    public var filename: String?
    /// Its Content-Type header, if any.
    public var contentType: String?
    public var body: [UInt8]

    public var text: String { String(decoding: body, as: UTF8.self) }
}

/// Why a multipart body was refused (answered 400 `malformed_multipart`).
public struct MultipartError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// A strict `multipart/form-data` reader: the body must start with the first delimiter line, every
/// line break is CRLF, every part has a `Content-Disposition: form-data; name="…"` header, the
/// closing delimiter `--boundary--` must be present, and part count and header size are bounded.
/// Whatever follows the closing delimiter (the epilogue) is ignored, as RFC 2046 says.
public enum MultipartFormData {
    public static let maxParts = 16
    public static let maxHeaderBytes = 8192

    /// The boundary of a `multipart/form-data; boundary=…` content type (quoted or not, 1–70 characters).
    public static func boundary(contentType: String) throws(MultipartError) -> String {
        let pieces = contentType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard let type = pieces.first, type.lowercased() == "multipart/form-data" else {
            throw MultipartError("content type '\(contentType)' is not multipart/form-data")
        }
        for piece in pieces.dropFirst() {
            guard let eq = piece.firstIndex(of: "=") else { continue }
            guard piece[..<eq].trimmingCharacters(in: .whitespaces).lowercased() == "boundary" else { continue }
            var value = piece[piece.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
            guard (1...70).contains(value.utf8.count), value.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F || $0 == 0x20 }),
                  !value.hasSuffix(" ") else {
                throw MultipartError("the multipart boundary must be 1 to 70 printable characters")
            }
            return value
        }
        throw MultipartError("the multipart content type has no boundary parameter")
    }

    /// The parts of `body`, in order.
    public static func parse(_ body: [UInt8], boundary: String) throws(MultipartError) -> [MultipartPart] {
        let delimiter = Array("--\(boundary)".utf8)
        let crlf: [UInt8] = [13, 10]
        guard body.starts(with: delimiter + crlf) else {
            throw MultipartError("the body does not start with the boundary line '--\(boundary)' and CRLF")
        }
        let separator = crlf + delimiter
        var parts: [MultipartPart] = []
        var cursor = delimiter.count + 2
        while true {
            guard parts.count < maxParts else { throw MultipartError("more than \(maxParts) parts") }
            guard let headerEnd = find([13, 10, 13, 10], in: body, from: cursor, limit: maxHeaderBytes + 4) else {
                throw MultipartError("part \(parts.count + 1) has no end of headers (CRLF CRLF) within \(maxHeaderBytes) bytes")
            }
            var part = try headers(Array(body[cursor..<headerEnd]), index: parts.count + 1)
            let contentStart = headerEnd + 4
            guard let contentEnd = find(separator, in: body, from: contentStart) else {
                throw MultipartError("part \(parts.count + 1) ('\(part.name)') is not closed by a boundary line")
            }
            part.body = Array(body[contentStart..<contentEnd])
            parts.append(part)
            cursor = contentEnd + separator.count
            if body.count >= cursor + 2, body[cursor] == 45, body[cursor + 1] == 45 { return parts }  // "--": the end
            guard body.count >= cursor + 2, body[cursor] == 13, body[cursor + 1] == 10 else {
                throw MultipartError("a boundary line is followed by neither CRLF nor '--'")
            }
            cursor += 2
        }
    }

    /// Reads one part's header block (lines separated by CRLF).
    private static func headers(_ block: [UInt8], index: Int) throws(MultipartError) -> MultipartPart {
        var name: String?
        var filename: String?
        var contentType: String?
        let text = String(decoding: block, as: UTF8.self)
        for line in text.components(separatedBy: "\r\n") {
            guard !line.contains("\n"), !line.contains("\r") else { throw MultipartError("part \(index): a header line ends without CRLF") }
            guard let colon = line.firstIndex(of: ":") else { throw MultipartError("part \(index): header line '\(line.prefix(60))' has no ':'") }
            let key = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            switch key {
            case "content-disposition":
                let params = try dispositionParameters(value, index: index)
                name = params["name"]
                filename = params["filename"]
            case "content-type": contentType = value
            default: continue
            }
        }
        guard let name, !name.isEmpty else {
            throw MultipartError("part \(index) has no 'Content-Disposition: form-data; name=\"…\"' header")
        }
        return MultipartPart(name: name, filename: filename, contentType: contentType, body: [])
    }

    /// `form-data; name="a"; filename="b.jpg"` → ["name": "a", "filename": "b.jpg"].
    private static func dispositionParameters(_ value: String, index: Int) throws(MultipartError) -> [String: String] {
        var rest = Substring(value)
        let type = rest.prefix { $0 != ";" }.trimmingCharacters(in: .whitespaces).lowercased()
        guard type == "form-data" else { throw MultipartError("part \(index): Content-Disposition is '\(type)', not form-data") }
        rest = rest.dropFirst(type.count)
        var params: [String: String] = [:]
        while let semicolon = rest.firstIndex(of: ";") {
            rest = rest[rest.index(after: semicolon)...].drop { $0 == " " || $0 == "\t" }
            guard let eq = rest.firstIndex(of: "=") else { throw MultipartError("part \(index): a Content-Disposition parameter has no '='") }
            let key = rest[..<eq].trimmingCharacters(in: .whitespaces).lowercased()
            rest = rest[rest.index(after: eq)...]
            var parsed = ""
            if rest.first == "\"" {
                rest = rest.dropFirst()
                var closed = false
                while let ch = rest.first {
                    rest = rest.dropFirst()
                    if ch == "\\", let next = rest.first { parsed.append(next); rest = rest.dropFirst(); continue }
                    if ch == "\"" { closed = true; break }
                    parsed.append(ch)
                }
                guard closed else { throw MultipartError("part \(index): an unterminated quoted Content-Disposition parameter") }
            } else {
                parsed = String(rest.prefix { $0 != ";" }).trimmingCharacters(in: .whitespaces)
                rest = rest.drop { $0 != ";" }
            }
            params[key] = parsed
        }
        return params
    }

    /// First index of `needle` in `haystack` at or after `start`, looking at most `limit` bytes.
    static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int, limit: Int = .max) -> Int? {
        guard let first = needle.first, start <= haystack.count else { return nil }
        let end = min(haystack.count - needle.count, start > Int.max - limit ? Int.max : start + limit - needle.count)
        guard end >= start else { return nil }
        return haystack.withUnsafeBufferPointer { h -> Int? in
            needle.withUnsafeBufferPointer { n -> Int? in
                var i = start
                while i <= end {
                    if h[i] == first {
                        var j = 1
                        while j < n.count && h[i + j] == n[j] { j += 1 }
                        if j == n.count { return i }
                    }
                    i += 1
                }
                return nil
            }
        }
    }
}
