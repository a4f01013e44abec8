/// COCO run-length encoding (the `segmentation` of COCO annotations and of SAM's automatic
/// mask generator with `output_mode="coco_rle"`): runs over the mask in column-major order,
/// alternating background / foreground, starting with background.
///
/// The compressed string form stores each run as little-endian groups of 5 bits, one ASCII
/// character per group (`48 + bits`, bit 0x20 = more groups follow, bit 0x10 of the last group =
/// negative); from the third run on, the value is a difference to the run two places earlier.
public enum COCORLE {
    /// Decodes the compressed string form into run lengths.
    public static func runs(fromCompressed counts: String, index: Int = 0) throws(SegmentationError) -> [Int] {
        var runs: [Int] = []
        var value = 0, shift = 0
        for byte in counts.utf8 {
            guard byte >= 48, byte < 48 + 64 else {
                throw .malformedRLE(index: index, reason: "character \(Character(Unicode.Scalar(byte))) outside '0'…'o'")
            }
            let group = Int(byte) - 48
            guard shift < 60 else { throw .malformedRLE(index: index, reason: "run value too long") }
            value |= (group & 0x1F) << shift
            shift += 5
            if group & 0x20 != 0 { continue }
            if group & 0x10 != 0 { value |= -1 << shift }
            if runs.count > 2 { value += runs[runs.count - 2] }
            runs.append(value)
            value = 0
            shift = 0
        }
        guard shift == 0 else { throw .malformedRLE(index: index, reason: "string ends inside a run") }
        return runs
    }

    /// Encodes run lengths into the compressed string form (used by tests and exports).
    public static func compressed(runs: [Int]) -> String {
        var bytes: [UInt8] = []
        for (i, run) in runs.enumerated() {
            var value = i > 2 ? run - runs[i - 2] : run
            var more = true
            while more {
                var group = value & 0x1F
                value >>= 5
                more = group & 0x10 != 0 ? value != -1 : value != 0
                if more { group |= 0x20 }
                bytes.append(UInt8(group + 48))
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Expands run lengths into a row-major 0/1 mask of `width × height`.
    public static func mask(runs: [Int], width: Int, height: Int, index: Int = 0) throws(SegmentationError) -> [UInt8] {
        let total = width * height
        var mask = [UInt8](repeating: 0, count: total)
        var position = 0
        for (i, run) in runs.enumerated() {
            guard run >= 0 else { throw .malformedRLE(index: index, reason: "negative run \(run) at position \(i)") }
            guard run <= total - position else {
                throw .malformedRLE(index: index, reason: "runs cover more than \(width)×\(height) pixels")
            }
            if i % 2 == 1 {
                for p in position..<(position + run) {
                    // Column-major position p is row p % height, column p / height.
                    mask[(p % height) * width + p / height] = 1
                }
            }
            position += run
        }
        guard position == total else {
            throw .malformedRLE(index: index, reason: "runs cover \(position) pixels, expected \(total) (\(width)×\(height))")
        }
        return mask
    }

    /// Run lengths of a row-major 0/1 mask (column-major runs, starting with background).
    public static func runs(ofMask mask: [UInt8], width: Int, height: Int) -> [Int] {
        var runs: [Int] = []
        var current: UInt8 = 0, length = 0
        for x in 0..<width {
            for y in 0..<height {
                let bit: UInt8 = mask[y * width + x] != 0 ? 1 : 0
                if bit == current {
                    length += 1
                } else {
                    runs.append(length)
                    current = bit
                    length = 1
                }
            }
        }
        runs.append(length)
        return runs
    }
}
