/// Element types a safetensors header may declare that this reader understands.
///
/// These are the reference implementation's dtypes except the sub-byte float formats
/// (F4, F6_E2M3, F6_E3M2), which are rejected as unknown. C64 loads and can be read as
/// raw bytes, but has no Float32 conversion.
public enum SafetensorsDType: String, CaseIterable, Sendable {
    case bool = "BOOL"
    case u8 = "U8"
    case i8 = "I8"
    case f8e5m2 = "F8_E5M2"
    /// The `fn` variant (as torch.float8_e4m3fn): no infinities, S.1111.111 is NaN.
    case f8e4m3 = "F8_E4M3"
    /// Exponent only (as torch.float8_e8m0fnu): 2^(e-127), 0xFF is NaN.
    case f8e8m0 = "F8_E8M0"
    case i16 = "I16"
    case u16 = "U16"
    case f16 = "F16"
    case bf16 = "BF16"
    case i32 = "I32"
    case u32 = "U32"
    case f32 = "F32"
    case i64 = "I64"
    case u64 = "U64"
    case f64 = "F64"
    case c64 = "C64"

    /// Bytes per element.
    public var size: Int {
        switch self {
        case .bool, .u8, .i8, .f8e5m2, .f8e4m3, .f8e8m0: return 1
        case .i16, .u16, .f16, .bf16: return 2
        case .i32, .u32, .f32: return 4
        case .i64, .u64, .f64, .c64: return 8
        }
    }

    /// Position in the reference implementation's dtype enumeration. Its writer stores
    /// tensors by this rank, highest first (then by name); ours does the same, which
    /// keeps every tensor aligned to its element size.
    var writerRank: Int {
        switch self {
        case .bool: return 0
        case .u8: return 4
        case .i8: return 5
        case .f8e5m2: return 6
        case .f8e4m3: return 7
        case .f8e8m0: return 8
        case .i16: return 9
        case .u16: return 10
        case .f16: return 11
        case .bf16: return 12
        case .i32: return 13
        case .u32: return 14
        case .f32: return 15
        case .c64: return 16
        case .f64: return 17
        case .i64: return 18
        case .u64: return 19
        }
    }

    public var isInteger: Bool {
        switch self {
        case .bool, .u8, .i8, .i16, .u16, .i32, .u32, .i64, .u64: return true
        case .f16, .bf16, .f32, .f64, .f8e5m2, .f8e4m3, .f8e8m0, .c64: return false
        }
    }
}
