/// A picture of a segmentation a person can read: the photo tinted with one colour per class,
/// thin boundaries where the class changes, and a legend of the classes present (see docs/images.md).
public enum ClassOverlay {
    /// Draws `classMap` (one class id per pixel, row-major, same size as `image`) over `image`.
    ///
    /// - Class `c` is tinted with palette entry `c` (wrapping around the palette length, so with the
    ///   default VOC palette class 256 reuses class 0's colour). This matches the colours of the
    ///   indexed prediction PNG, so class 0 is black in the VOC palette.
    /// - Negative ids are unlabelled: the photo shows through untinted and they are not listed.
    /// - `opacity` is the weight of the class colour (0 = photo only, 1 = flat colours).
    /// - Boundaries are 1 pixel wide, drawn in `boundaryColor` on the pixel whose right or lower
    ///   neighbour has a different id.
    /// - With `legend`, a panel listing each present class (swatch, name, pixel share), largest share
    ///   first, is added to the right of the image, or below it when the image is more than twice as
    ///   wide as tall; see `LegendRenderer`.
    /// The result is RGB; gray and RGBA inputs are converted (alpha dropped).
    public static func render(image: PixelImage, classMap: [Int32], classNames: [String],
                              palette: [UInt8] = VOCPalette.colors(count: 256), opacity: Float = 0.5,
                              boundaries: Bool = true, boundaryColor: RGBColor = .white,
                              legend: Bool = true) throws(ClassOverlayError) -> PixelImage {
        guard image.width > 0, image.height > 0 else { throw .emptyImage(width: image.width, height: image.height) }
        let pixelCount = image.width * image.height
        guard classMap.count == pixelCount else {
            throw .classMapSizeMismatch(expected: pixelCount, found: classMap.count, width: image.width, height: image.height)
        }
        guard opacity.isFinite, (0...1).contains(opacity) else { throw .invalidOpacity(opacity) }
        let entries = try LegendEntry.entries(classMap: classMap, classNames: classNames, palette: palette)

        var tinted = image.channels == 3 ? image : image.converted(to: .rgb)
        blend(&tinted, classMap: classMap, palette: palette, opacity: opacity)
        if boundaries { drawBoundaries(&tinted, classMap: classMap, color: boundaryColor) }
        guard legend, !entries.isEmpty else { return tinted }
        return LegendRenderer.attach(entries, to: tinted, font: BitmapFont.forImage(width: image.width, height: image.height))
    }

    /// Mixes each labelled pixel with its class colour; ids were validated by the caller.
    static func blend(_ image: inout PixelImage, classMap: [Int32], palette: [UInt8], opacity: Float) {
        let weight = Int((opacity * 256).rounded())
        let entries = palette.count / 3
        classMap.withUnsafeBufferPointer { ids in
            palette.withUnsafeBufferPointer { colors in
                image.pixels.withUnsafeMutableBufferPointer { rgb in
                    for pixel in 0..<ids.count where ids[pixel] >= 0 {
                        let color = 3 * (Int(ids[pixel]) % entries)
                        for c in 0..<3 {
                            let old = Int(rgb[3 * pixel + c])
                            rgb[3 * pixel + c] = UInt8((old * (256 - weight) + Int(colors[color + c]) * weight + 128) >> 8)
                        }
                    }
                }
            }
        }
    }

    /// Paints every pixel whose right or lower neighbour carries a different id.
    static func drawBoundaries(_ image: inout PixelImage, classMap: [Int32], color: RGBColor) {
        let width = image.width, height = image.height
        let ink = (color.red, color.green, color.blue)
        classMap.withUnsafeBufferPointer { ids in
            image.pixels.withUnsafeMutableBufferPointer { rgb in
                for y in 0..<height {
                    let row = y * width
                    for x in 0..<width {
                        let id = ids[row + x]
                        let edge = (x + 1 < width && ids[row + x + 1] != id) || (y + 1 < height && ids[row + width + x] != id)
                        if edge {
                            rgb[3 * (row + x)] = ink.0
                            rgb[3 * (row + x) + 1] = ink.1
                            rgb[3 * (row + x) + 2] = ink.2
                        }
                    }
                }
            }
        }
    }
}
