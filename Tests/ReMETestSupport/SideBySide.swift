/// Interleaved pixel rows of an image repeated `times` times side by side: the wide test photo
/// (three copies of a VOC photo) that the SAM processor and generator fixtures both use.
public func sideBySide(_ pixels: [UInt8], width: Int, height: Int, channels: Int, times: Int) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(pixels.count * times)
    let row = width * channels
    for y in 0..<height {
        for _ in 0..<times { out += pixels[(y * row)..<((y + 1) * row)] }
    }
    return out
}
