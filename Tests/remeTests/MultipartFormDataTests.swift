import Foundation
@testable import ReMEServer
import Testing

/// The strict multipart/form-data reader (docs/serve.md): well-formed bodies as browsers and curl
/// write them, and malformed ones refused with a reason.
@Suite struct MultipartFormDataTests {
    static let b = "XyZ123"
    static func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }

    @Test func readsFieldsAndFilesWithTheirHeaders() throws {
        let body = Self.bytes("--XyZ123\r\nContent-Disposition: form-data; name=\"labels\"\r\n\r\ncat, dog\r\n"
            + "--XyZ123\r\ncontent-disposition: form-data; name=\"image\"; filename=\"a \\\"b\\\".png\"\r\nContent-Type: image/png\r\n\r\n"
            + "\u{0}\r\n--XyZ12 not the end\r\n--XyZ123--\r\nepilogue")
        let parts = try MultipartFormData.parse(body, boundary: Self.b)
        #expect(parts.count == 2)
        #expect(parts[0].name == "labels" && parts[0].text == "cat, dog" && parts[0].filename == nil)
        #expect(parts[1].name == "image" && parts[1].filename == "a \"b\".png" && parts[1].contentType == "image/png")
        #expect(parts[1].body == [0, 13, 10] + Self.bytes("--XyZ12 not the end"))
    }

    @Test func readsTheBoundaryFromTheContentType() throws {
        #expect(try MultipartFormData.boundary(contentType: "multipart/form-data; boundary=abc") == "abc")
        #expect(try MultipartFormData.boundary(contentType: "Multipart/Form-Data;charset=utf-8; BOUNDARY=\"a b:c\"") == "a b:c")
        for bad in ["multipart/form-data", "multipart/mixed; boundary=a", "multipart/form-data; boundary=\"\"",
                    "multipart/form-data; boundary=" + String(repeating: "x", count: 71)] {
            #expect(throws: MultipartError.self, "\(bad)") { try MultipartFormData.boundary(contentType: bad) }
        }
    }

    @Test func refusesMalformedBodies() {
        let malformed: [(String, String)] = [
            ("empty", ""),
            ("preamble", "junk\r\n--XyZ123\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n--XyZ123--"),
            ("LF only", "--XyZ123\nContent-Disposition: form-data; name=\"a\"\n\nx\n--XyZ123--"),
            ("no closing delimiter", "--XyZ123\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx"),
            ("no end of headers", "--XyZ123\r\nContent-Disposition: form-data; name=\"a\"\r\nx\r\n--XyZ123--"),
            ("no disposition", "--XyZ123\r\nContent-Type: text/plain\r\n\r\nx\r\n--XyZ123--"),
            ("not form-data", "--XyZ123\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\nx\r\n--XyZ123--"),
            ("empty name", "--XyZ123\r\nContent-Disposition: form-data; name=\"\"\r\n\r\nx\r\n--XyZ123--"),
            ("unterminated quote", "--XyZ123\r\nContent-Disposition: form-data; name=\"a\r\n\r\nx\r\n--XyZ123--"),
            ("header without colon", "--XyZ123\r\nContent-Disposition form-data\r\n\r\nx\r\n--XyZ123--"),
            ("junk after boundary", "--XyZ123\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n--XyZ123junk"),
            ("other boundary", "--Other\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n--Other--"),
        ]
        for (name, text) in malformed {
            #expect(throws: MultipartError.self, "\(name)") { try MultipartFormData.parse(Self.bytes(text), boundary: Self.b) }
        }
        let many = String(repeating: "--XyZ123\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n", count: 17) + "--XyZ123--"
        #expect(throws: MultipartError.self) { try MultipartFormData.parse(Self.bytes(many), boundary: Self.b) }
        let longHeader = "--XyZ123\r\nContent-Disposition: form-data; name=\"a\"\r\nX-Pad: " + String(repeating: "p", count: 9000)
            + "\r\n\r\nx\r\n--XyZ123--"
        #expect(throws: MultipartError.self) { try MultipartFormData.parse(Self.bytes(longHeader), boundary: Self.b) }
    }

    @Test func survivesRandomMutations() {
        var generator = SystemRandomNumberGenerator()
        let valid = Self.bytes("--XyZ123\r\nContent-Disposition: form-data; name=\"labels\"\r\n\r\ncat\r\n--XyZ123--\r\n")
        for _ in 0..<2000 {
            var body = valid
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                let i = Int.random(in: 0..<body.count, using: &generator)
                switch Int.random(in: 0..<3, using: &generator) {
                case 0: body[i] = UInt8.random(in: 0...255, using: &generator)
                case 1: body.remove(at: i)
                default: body.insert(UInt8.random(in: 0...255, using: &generator), at: i)
                }
                if body.isEmpty { break }
            }
            _ = try? MultipartFormData.parse(body, boundary: Self.b)
        }
    }
}
