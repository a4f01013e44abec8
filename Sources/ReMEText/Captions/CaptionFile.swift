import Foundation

/// Captions read from a file: COCO captions JSON (`images` + `annotations`; an image's several
/// captions are joined with spaces, in file order) or JSON Lines of `{"image", "caption"}`.
public enum CaptionFile {
    public static func load(path: String) throws(CaptionError) -> [CaptionRecord] {
        guard FileManager.default.fileExists(atPath: path) else { throw .unreadable(path: path, reason: "no such file") }
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw .unreadable(path: path, reason: error.localizedDescription)
        }
        guard let text = String(data: data, encoding: .utf8) else { throw .notUTF8(path: path) }
        let trimmed = text.drop(while: { $0.isWhitespace })
        if trimmed.hasPrefix("{"), let coco = try? JSONDecoder().decode(COCOCaptions.self, from: data) {
            return coco.records()
        }
        return try jsonLines(text, path: path)
    }

    private static func jsonLines(_ text: String, path: String) throws(CaptionError) -> [CaptionRecord] {
        var records: [CaptionRecord] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty { continue }
            do {
                records.append(try JSONDecoder().decode(CaptionRecord.self, from: Data(trimmed.utf8)))
            } catch {
                throw .malformedFile(path: path, line: index + 1, reason: "not a {\"image\", \"caption\"} object")
            }
        }
        return records
    }
}

/// The parts of a COCO captions file that matter here.
private struct COCOCaptions: Decodable {
    struct Image: Decodable { var id: Int; var file_name: String }
    struct Annotation: Decodable { var image_id: Int; var caption: String }
    var images: [Image]
    var annotations: [Annotation]

    func records() -> [CaptionRecord] {
        var captions: [Int: [String]] = [:]
        for a in annotations {
            captions[a.image_id, default: []].append(a.caption.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        return images.compactMap { image in
            guard let texts = captions[image.id] else { return nil }
            return CaptionRecord(image: image.file_name, caption: texts.joined(separator: " "))
        }
    }
}
