import ReMETensor

extension Activation {
    /// The activation a Hugging Face config names in `hidden_act`.
    static func fromConfig(_ name: String) throws(ModelError) -> Activation {
        switch name {
        case "gelu": return .gelu
        case "quick_gelu": return .quickGELU
        case "relu": return .relu
        case "silu", "swish": return .silu
        default:
            throw .unsupportedActivation(name, supported: ["gelu", "quick_gelu", "relu", "silu", "swish"])
        }
    }
}
