/// A picture of a segmentation a person can read: the photo tinted with one colour per class,
/// thin boundaries where the class changes, and a legend of the classes present (see docs/images.md).
public enum ClassOverlay {
    /// Draws `classMap` (one class id per pixel, row-major, same size as `image`) over `image`.
    ///
    /// - Class colours come from `palette` as `ClassColors` says: entry 0 (black in the default
    ///   VOC palette) only for `backgroundClass`, the other classes entries 1, 2, 3, … in id order,
    ///   so without a background class no class is black; with `backgroundClass: 0` class `c` has
    ///   entry `c`, the colours of the indexed prediction PNG.
    /// - Negative ids are unlabelled: the photo shows through untinted and they are not listed.
    /// - `opacity` is the weight of the class colour (0 = photo only, 1 = flat colours).
    /// - Boundaries are 1 pixel wide, drawn in `boundaryColor` on the pixel whose right or lower
    ///   neighbour has a different id.
    /// - With `legend`, a panel listing each present class (swatch, name, pixel share), largest share
    ///   first, is added to the right of the image, or below it when the image is more than twice as
    ///   wide as tall; see `LegendRenderer`. Its text is drawn with FreeType from `fontFiles`, or when
    ///   nil the files `FontDiscovery.fontFiles()` finds (`REME_FONT`, else Debian's DejaVu Sans and
    ///   CJK fonts); any Unicode name is drawn, each character by the first font that has it.
    /// The result is RGB; gray and RGBA inputs are converted (alpha dropped).
    public static func render(image: PixelImage, classMap: [Int32], classNames: [String],
                              palette: [UInt8] = VOCPalette.colors(count: 256), opacity: Float = 0.5,
                              boundaries: Bool = true, boundaryColor: RGBColor = .white,
                              legend: Bool = true, backgroundClass: Int? = nil,
                              fontFiles: [String]? = nil) throws(ClassOverlayError) -> PixelImage {
        guard image.width > 0, image.height > 0 else { throw .emptyImage(width: image.width, height: image.height) }
        let pixelCount = image.width * image.height
        guard classMap.count == pixelCount else {
            throw .classMapSizeMismatch(expected: pixelCount, found: classMap.count, width: image.width, height: image.height)
        }
        guard opacity.isFinite, (0...1).contains(opacity) else { throw .invalidOpacity(opacity) }
        let entries = try LegendEntry.entries(classMap: classMap, classNames: classNames, palette: palette,
                                              backgroundClass: backgroundClass)
        let font = legend && !entries.isEmpty ? try legendFont(imageWidth: image.width, imageHeight: image.height, fontFiles: fontFiles) : nil

        var tinted = image.channels == 3 ? image : image.converted(to: .rgb)
        let colors = ClassColors.colors(classCount: classNames.count, palette: palette, backgroundClass: backgroundClass)
        blend(&tinted, classMap: classMap, colors: colors, opacity: opacity)
        if boundaries { drawBoundaries(&tinted, classMap: classMap, color: boundaryColor) }
        guard let font else { return tinted }
        return LegendRenderer.attach(entries, to: tinted, font: font)
    }

    /// The font the legend of an `imageWidth × imageHeight` image is drawn with: the process-wide
    /// `FontStack` of `fontFiles` (nil: `FontDiscovery.fontFiles()`) at the legend's text size.
    /// Call it up front to find a missing font before any work is done.
    public static func legendFont(imageWidth: Int, imageHeight: Int, fontFiles: [String]? = nil) throws(ClassOverlayError) -> FontStack {
        do {
            let files = try FontDiscovery.fontFiles(fontFiles)
            return try FontStack.shared(files: files, pixelSize: LegendRenderer.pixelSize(imageWidth: imageWidth, imageHeight: imageHeight))
        } catch {
            throw .font(error)
        }
    }

    /// Mixes each labelled pixel with its class colour; ids were validated by the caller.
    static func blend(_ image: inout PixelImage, classMap: [Int32], colors: [RGBColor], opacity: Float) {
        let weight = Int((opacity * 256).rounded())
        classMap.withUnsafeBufferPointer { ids in
            image.pixels.withUnsafeMutableBufferPointer { rgb in
                for pixel in 0..<ids.count where ids[pixel] >= 0 {
                    let color = colors[Int(ids[pixel])]
                    let mix = { (old: UInt8, ink: UInt8) in UInt8((Int(old) * (256 - weight) + Int(ink) * weight + 128) >> 8) }
                    rgb[3 * pixel] = mix(rgb[3 * pixel], color.red)
                    rgb[3 * pixel + 1] = mix(rgb[3 * pixel + 1], color.green)
                    rgb[3 * pixel + 2] = mix(rgb[3 * pixel + 2], color.blue)
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
