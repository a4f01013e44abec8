import ReMETensor

/// Errors raised while loading or running a model on caller-supplied files and inputs.
public enum ModelError: Error, Equatable, CustomStringConvertible, Sendable {
    case missingTensor(name: String, expectedShape: [Int])
    case tensorShape(name: String, expected: [Int], found: [Int])
    case unusedTensors(names: [String])
    case weightRead(name: String, reason: String)
    case weightFile(path: String, reason: String)
    case unsupportedModelType(String, supported: [String])
    /// A folder of another kind of model than the one asked for (a SAM checkpoint given as an
    /// image tower, a CLIP folder given as SAM): `explanation` says what it is and where it goes.
    case wrongModelKind(file: String, modelType: String, explanation: String)
    case unsupportedActivation(String, supported: [String])
    case invalidConfig(file: String, reason: String)
    case fileNotFound(path: String, what: String)
    case modelNotFound(String, searched: [String])
    case imageSizeNotMultipleOfPatch(height: Int, width: Int, patch: Int)
    case imageSizeMismatch(height: Int, width: Int, expected: Int)
    case invalidInput(String)
    case tensor(TensorError)

    public var description: String {
        switch self {
        case let .missingTensor(name, shape):
            return "checkpoint has no tensor '\(name)' (expected shape \(shape))"
        case let .tensorShape(name, expected, found):
            return "tensor '\(name)' has shape \(found), expected \(expected)"
        case let .unusedTensors(names):
            let shown = names.prefix(20).joined(separator: ", ")
            let more = names.count > 20 ? " and \(names.count - 20) more" : ""
            return "checkpoint has \(names.count) tensor(s) this model does not use: \(shown)\(more)"
        case let .weightRead(name, reason):
            return "cannot read tensor '\(name)': \(reason)"
        case let .weightFile(path, reason):
            return "cannot read the weights file \(path): \(reason)"
        case let .unsupportedModelType(type, supported):
            return "unsupported model_type '\(type)' (supported: \(supported.joined(separator: ", ")))"
        case let .wrongModelKind(file, type, explanation):
            return "\(file): model_type '\(type)' \(explanation)"
        case let .unsupportedActivation(act, supported):
            return "unsupported hidden_act '\(act)' (supported: \(supported.joined(separator: ", ")))"
        case let .invalidConfig(file, reason):
            return "\(file): \(reason)"
        case let .fileNotFound(path, what):
            return "\(what) not found: \(path)"
        case let .modelNotFound(model, searched):
            return "model '\(model)' is neither a folder nor in the Hugging Face cache (looked in \(searched.joined(separator: ", ")))"
        case let .imageSizeNotMultipleOfPatch(h, w, p):
            return "image size \(h)×\(w) is not a multiple of the patch size \(p)"
        case let .imageSizeMismatch(h, w, expected):
            return "image size \(h)×\(w) does not match the model's \(expected)×\(expected) (CLIP position embeddings are not interpolated unless asked)"
        case let .invalidInput(reason):
            return reason
        case let .tensor(error):
            return error.description
        }
    }
}

/// Runs tensor code, turning its typed error into `ModelError`.
@inline(__always)
func tensorOp<T>(_ body: () throws(TensorError) -> T) throws(ModelError) -> T {
    do { return try body() } catch { throw .tensor(error) }
}
