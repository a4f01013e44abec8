import Foundation

/// Fast byte-level reading of the WordNet database files: space-separated fields per line,
/// lemmas with `_` for spaces. Avoids per-field String allocations (the index has ~150k lines).
enum WordNetFileScanner {
    /// Calls `body` with the fields of every line of the file (a line's fields are byte ranges
    /// into the buffer, valid only during the call).
    static func forEachLine(of path: String,
                            _ body: (UnsafeRawBufferPointer, [Range<Int>]) -> Void) throws(WordNetError) {
        guard FileManager.default.fileExists(atPath: path) else { throw .missingFile(path: path) }
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw .unreadableFile(path: path, reason: error.localizedDescription)
        }
        data.withUnsafeBytes { bytes in
            var fields: [Range<Int>] = []
            fields.reserveCapacity(64)
            var i = 0
            let n = bytes.count
            while i < n {
                fields.removeAll(keepingCapacity: true)
                var start = i
                while i < n && bytes[i] != 0x0A {
                    if bytes[i] == 0x20 {
                        if i > start { fields.append(start..<i) }
                        start = i + 1
                    }
                    i += 1
                }
                if i > start { fields.append(start..<i) }
                // Licence header lines of the index files start with a space.
                let lineStart = fields.first?.lowerBound ?? 0
                if !fields.isEmpty && !(lineStart > 0 && bytes[lineStart - 1] == 0x20) { body(bytes, fields) }
                i += 1
            }
        }
    }

    /// The bytes of `range` as a lemma: `_` → space, ASCII lowercased.
    static func lemma(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> String {
        String(unsafeUninitializedCapacity: range.count) { out in
            var k = 0
            for j in range {
                var b = bytes[j]
                if b == 0x5F { b = 0x20 } else if b >= 0x41 && b <= 0x5A { b += 0x20 }
                out[k] = b
                k += 1
            }
            return k
        }
    }

    /// A sense key `lemma%ss_type:lex_filenum:…` (as in `cntlist.rev`): the lemma and the
    /// synset-type digit byte (`1` noun, `2` verb, `3`/`5` adjective, `4` adverb).
    static func senseKey(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> (lemma: String, synsetType: UInt8)? {
        guard let percent = range.first(where: { bytes[$0] == 0x25 }), percent + 1 < range.upperBound else { return nil }
        return (lemma(bytes, range.lowerBound..<percent), bytes[percent + 1])
    }

    static func integer(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> Int? {
        guard !range.isEmpty else { return nil }
        var value = 0
        for j in range {
            let d = Int(bytes[j]) - 48
            guard d >= 0 && d <= 9 else { return nil }
            value = value * 10 + d
        }
        return value
    }
}
