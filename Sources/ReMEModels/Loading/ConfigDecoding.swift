import Foundation

extension KeyedDecodingContainer {
    /// A value that Hugging Face configs write either as a number or as a list of numbers
    /// (`image_size: [h, w]`, `eos_token_id: [..]`); a list gives its first element.
    func decodeIntOrFirst(_ key: Key) throws -> Int? {
        if let v = try? decodeIfPresent(Int.self, forKey: key) { return v }
        if let list = try? decodeIfPresent([Int].self, forKey: key) { return list.first }
        return nil
    }
}

/// Reads a JSON config file into a `Decodable` type, with errors naming the file.
func decodeConfig<T: Decodable>(_ type: T.Type, from data: Data, file: String) throws(ModelError) -> T {
    do {
        return try JSONDecoder().decode(T.self, from: data)
    } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
        let path = context.codingPath.map(\.stringValue).joined(separator: ".")
        throw .invalidConfig(file: file, reason: "bad value at '\(path)': \(context.debugDescription)")
    } catch let DecodingError.keyNotFound(key, _) {
        throw .invalidConfig(file: file, reason: "missing key '\(key.stringValue)'")
    } catch {
        throw .invalidConfig(file: file, reason: "not valid JSON (\(error.localizedDescription))")
    }
}
