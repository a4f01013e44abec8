import Foundation
import Testing
@testable import ReME

@Suite struct ContentDigestTests {
    /// 1000 bytes of `(i * 7 + 3) & 0xFF`.
    static let pattern = (0..<1000).map { UInt8(truncatingIfNeeded: $0 * 7 + 3) }

    @Test func matchesTheReferenceXXH64() {
        // Expected values from libxxhash 0.8.1 (XXH64, seed 0).
        let texts: [(String, UInt64)] = [("", 0xEF46_DB37_51D8_E999), ("a", 0xD24E_C4F1_A98C_6E5B),
                                         ("abc", 0x44BC_2CF5_AD77_0999),
                                         ("Nobody inspects the spammish repetition", 0xFBCE_A83C_8A37_8BF1)]
        for (text, expected) in texts { #expect(XXHash64.hash(text) == expected, "\(text)") }
        let prefixes: [(Int, UInt64)] = [(1, 0x1F25_C8D0_BC1F_4BB6), (3, 0x31D2_363F_52E5_64C9), (4, 0x9BB6_4B7D_66EE_9FDA),
                                         (7, 0x9A7B_1499_59CE_60D8), (8, 0xDAB9_9D95_C6F9_0092), (31, 0xA2AA_5F33_CC4A_6119),
                                         (32, 0x23C3_C17E_F790_FD97), (33, 0x50A7_CFC7_BA58_8784), (63, 0x5E3E_54B4_31C7_493C),
                                         (64, 0x0EB6_4B3E_F6EE_B01F), (100, 0xA61F_8D4C_170F_E531), (1000, 0x5F23_5FA0_33F1_A3FB)]
        for (n, expected) in prefixes {
            #expect(Self.pattern.prefix(n).withUnsafeBytes { XXHash64.hash($0) } == expected, "\(n) bytes")
        }
        #expect(Array("abc".utf8).withUnsafeBytes { XXHash64.hash($0, seed: 0x9E37_79B9_7F4A_7C15) } == 0x2ED0_F59D_6B43_AC8B)
    }

    @Test func streamingInAnyPiecesEqualsOneShot() {
        let whole = Self.pattern.withUnsafeBytes { XXHash64.hash($0) }
        for piece in [1, 5, 31, 32, 33, 200] {
            var hasher = XXHash64()
            Self.pattern.withUnsafeBytes { raw in
                var start = 0
                while start < raw.count {
                    let end = min(raw.count, start + piece)
                    hasher.update(UnsafeRawBufferPointer(rebasing: raw[start..<end]))
                    start = end
                }
            }
            #expect(hasher.finalize() == whole, "pieces of \(piece)")
        }
    }

    @Test func everySingleBitChangeChangesTheDigest() {
        let original = ContentDigest(Data(Self.pattern.prefix(300)))
        var seen: Set<UInt64> = [original.hash]
        for bit in 0..<(300 * 8) {
            var bytes = Array(Self.pattern.prefix(300))
            bytes[bit / 8] ^= UInt8(1 << (bit % 8))
            seen.insert(ContentDigest(Data(bytes)).hash)
        }
        #expect(seen.count == 300 * 8 + 1)
        #expect(ContentDigest("a caption") != ContentDigest("a caption "))
    }

    @Test func fileDigestEqualsTheBytesDigestAndRoundTripsAsText() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("reme-digest-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: url) }
        // Larger than one read, so the streaming path is taken.
        let bytes = Data((0..<(3 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 7) })
        try bytes.write(to: url)
        let fromFile = try #require(ContentDigest(contentsOfFile: url.path))
        #expect(fromFile == ContentDigest(bytes))
        #expect(fromFile.byteCount == UInt64(bytes.count))
        #expect(ContentDigest(contentsOfFile: url.path + ".missing") == nil)

        let json = try JSONEncoder().encode([fromFile])
        #expect(try JSONDecoder().decode([ContentDigest].self, from: json) == [fromFile])
        #expect(String(decoding: json, as: UTF8.self).contains("xxh64:"))
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([ContentDigest].self, from: Data(#"["md5:00:1"]"#.utf8)) }
    }
}
