import Foundation

extension CLIPTokenizer {
    /// Loads `vocab.json` + `merges.txt` (or `tokenizer.json`) from a Hugging Face model folder;
    /// the pad token and `model_max_length` come from `special_tokens_map.json` /
    /// `tokenizer_config.json` when present (defaults `<|endoftext|>`, 77).
    public static func load(folder: URL, maxLength: Int? = nil) throws(ModelError) -> CLIPTokenizer {
        let vocabURL = folder.appendingPathComponent("vocab.json")
        let mergesURL = folder.appendingPathComponent("merges.txt")
        let vocabulary: [String: Int]
        let merges: [(String, String)]
        if FileManager.default.fileExists(atPath: vocabURL.path), FileManager.default.fileExists(atPath: mergesURL.path) {
            vocabulary = try decodeConfig([String: Int].self, from: try read(vocabURL), file: vocabURL.path)
            guard let text = String(data: try read(mergesURL), encoding: .utf8) else {
                throw .invalidConfig(file: mergesURL.path, reason: "is not UTF-8")
            }
            merges = try parseMerges(text.split(separator: "\n", omittingEmptySubsequences: false), file: mergesURL.path)
        } else {
            let tokURL = folder.appendingPathComponent("tokenizer.json")
            guard FileManager.default.fileExists(atPath: tokURL.path) else {
                throw .fileNotFound(path: folder.path, what: "vocab.json + merges.txt or tokenizer.json")
            }
            (vocabulary, merges) = try tokenizerJSON(try read(tokURL), file: tokURL.path)
        }
        var pad = endOfTextToken
        var length = 77
        for name in ["tokenizer_config.json", "special_tokens_map.json"] {
            let url = folder.appendingPathComponent(name)
            guard let data = try? Data(contentsOf: url), let dict = try? jsonObject(data, file: name) else { continue }
            if let p = dict["pad_token"] as? String {
                pad = p
            } else if let p = (dict["pad_token"] as? [String: Any])?["content"] as? String {
                pad = p
            }
            if let l = dict["model_max_length"] as? Int, l < 100_000 { length = l }
        }
        return try CLIPTokenizer(vocabulary: vocabulary, merges: merges, padToken: pad, maxLength: maxLength ?? length)
    }

    private static func read(_ url: URL) throws(ModelError) -> Data {
        do { return try Data(contentsOf: url) } catch { throw .fileNotFound(path: url.path, what: "tokenizer file") }
    }

    private static func tokenizerJSON(_ data: Data, file: String) throws(ModelError) -> ([String: Int], [(String, String)]) {
        let root = try jsonObject(data, file: file)
        guard let model = root["model"] as? [String: Any], let vocab = model["vocab"] as? [String: Int],
              let rawMerges = model["merges"] as? [Any] else {
            throw .invalidConfig(file: file, reason: "has no BPE model.vocab / model.merges")
        }
        var merges = [(String, String)]()
        for m in rawMerges {
            if let s = m as? String {
                merges += try parseMerges([Substring(s)], file: file)
            } else if let pair = m as? [String], pair.count == 2 {
                merges.append((pair[0], pair[1]))
            } else {
                throw .invalidConfig(file: file, reason: "merge \(merges.count + 1) is malformed")
            }
        }
        return (vocab, merges)
    }
}
