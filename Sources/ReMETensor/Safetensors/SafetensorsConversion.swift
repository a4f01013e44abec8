/// Element conversions from the raw little-endian bytes of a validated tensor.
/// Source pointers may have any alignment.
enum SafetensorsConversion {
    static func convertToFloat(_ dtype: SafetensorsDType, from source: UnsafeRawPointer,
                               to out: UnsafeMutablePointer<Float>, count: Int) {
        switch dtype {
        case .f32:
            UnsafeMutableRawPointer(out).copyMemory(from: source, byteCount: count * 4)
        case .f16:
            HalfConversion.convertHalf(from: source, to: out, count: count)
        case .bf16:
            HalfConversion.convertBFloat16(from: source, to: out, count: count)
        case .f64:
            for i in 0..<count { out[i] = Float(load(Double.self, source, i)) }
        case .f8e5m2:
            for i in 0..<count { out[i] = HalfConversion.floatFromFloat8E5M2(source.load(fromByteOffset: i, as: UInt8.self)) }
        case .f8e4m3:
            for i in 0..<count { out[i] = HalfConversion.floatFromFloat8E4M3(source.load(fromByteOffset: i, as: UInt8.self)) }
        case .f8e8m0:
            for i in 0..<count { out[i] = HalfConversion.floatFromFloat8E8M0(source.load(fromByteOffset: i, as: UInt8.self)) }
        case .c64:
            preconditionFailure("C64 has no Float conversion; callers check first")
        case .bool:
            for i in 0..<count { out[i] = source.load(fromByteOffset: i, as: UInt8.self) == 0 ? 0 : 1 }
        case .u8:
            for i in 0..<count { out[i] = Float(source.load(fromByteOffset: i, as: UInt8.self)) }
        case .i8:
            for i in 0..<count { out[i] = Float(source.load(fromByteOffset: i, as: Int8.self)) }
        case .i16:
            for i in 0..<count { out[i] = Float(load(Int16.self, source, i)) }
        case .u16:
            for i in 0..<count { out[i] = Float(load(UInt16.self, source, i)) }
        case .i32:
            for i in 0..<count { out[i] = Float(load(Int32.self, source, i)) }
        case .u32:
            for i in 0..<count { out[i] = Float(load(UInt32.self, source, i)) }
        case .i64:
            for i in 0..<count { out[i] = Float(load(Int64.self, source, i)) }
        case .u64:
            for i in 0..<count { out[i] = Float(load(UInt64.self, source, i)) }
        }
    }

    /// Index of the first element outside `range`, or nil. Only for integer dtypes.
    static func firstIndexOutOfRange(_ dtype: SafetensorsDType, from source: UnsafeRawPointer,
                                     count: Int, range: ClosedRange<Int64>) -> Int? {
        switch dtype {
        case .i64:
            if range == Int64.min...Int64.max { return nil }
            return (0..<count).first { !range.contains(load(Int64.self, source, $0)) }
        case .u64:
            return (0..<count).first { load(UInt64.self, source, $0) > UInt64(range.upperBound) }
        case .u32:
            guard range.upperBound < Int64(UInt32.max) else { return nil }
            return (0..<count).first { Int64(load(UInt32.self, source, $0)) > range.upperBound }
        default:
            return nil  // narrower types fit in Int32
        }
    }

    /// Elements of an integer dtype widened or narrowed to `T`; the caller has checked the range.
    static func integers<T: FixedWidthInteger>(_ dtype: SafetensorsDType, from source: UnsafeRawPointer,
                                               count: Int, as: T.Type) -> [T] {
        [T](unsafeUninitializedCapacity: count) { out, initialized in
            switch dtype {
            case .bool: for i in 0..<count { out[i] = source.load(fromByteOffset: i, as: UInt8.self) == 0 ? 0 : 1 }
            case .u8: for i in 0..<count { out[i] = T(source.load(fromByteOffset: i, as: UInt8.self)) }
            case .i8: for i in 0..<count { out[i] = T(source.load(fromByteOffset: i, as: Int8.self)) }
            case .i16: for i in 0..<count { out[i] = T(load(Int16.self, source, i)) }
            case .u16: for i in 0..<count { out[i] = T(load(UInt16.self, source, i)) }
            case .i32: for i in 0..<count { out[i] = T(load(Int32.self, source, i)) }
            case .u32: for i in 0..<count { out[i] = T(load(UInt32.self, source, i)) }
            case .i64: for i in 0..<count { out[i] = T(truncatingIfNeeded: load(Int64.self, source, i)) }
            case .u64: for i in 0..<count { out[i] = T(truncatingIfNeeded: load(UInt64.self, source, i)) }
            case .f16, .bf16, .f32, .f64, .f8e5m2, .f8e4m3, .f8e8m0, .c64:
                for i in 0..<count { out[i] = 0 }  // callers reject non-integers first
            }
            initialized = count
        }
    }

    @inline(__always)
    static func load<T: FixedWidthInteger>(_: T.Type, _ source: UnsafeRawPointer, _ index: Int) -> T {
        T(littleEndian: source.loadUnaligned(fromByteOffset: index * MemoryLayout<T>.size, as: T.self))
    }

    @inline(__always)
    static func load(_: Double.Type, _ source: UnsafeRawPointer, _ index: Int) -> Double {
        Double(bitPattern: load(UInt64.self, source, index))
    }
}

#if _endian(big)
#error("safetensors data is little-endian; F32 views without a copy assume a little-endian host")
#endif
