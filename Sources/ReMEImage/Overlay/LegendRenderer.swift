/// Lays out and draws the legend panel of a class overlay: one entry per class (colour swatch,
/// name, pixel share right-aligned), in a light panel beside or below the image. Text goes
/// through a `GlyphRasterizer` (FreeType's `FontStack` in production).
enum LegendRenderer {
    enum Placement: Equatable { case right, below }

    /// Text size in pixels per em: 13 when the image's longer side is under 600 pixels, else 18.
    static func pixelSize(imageWidth: Int, imageHeight: Int) -> Int {
        max(imageWidth, imageHeight) < 600 ? 13 : 18
    }

    /// Names wider than this many digit widths are cut and end in "…".
    static let maxNameDigits = 24
    /// The widest share text, which sets the share column's width.
    static let widestShare = "100.0%"
    /// A right-hand legend keeps at least this many rows per column, growing the output's height if
    /// the image is too short, so tiny images do not get a very wide panel.
    static let minimumRowsPerColumn = 12

    static let background = RGBColor(red: 248, green: 248, blue: 248)
    static let nameColor = RGBColor(red: 20, green: 20, blue: 20)
    static let shareColor = RGBColor(red: 85, green: 85, blue: 85)
    static let swatchBorder = RGBColor(red: 60, green: 60, blue: 60)

    /// Where everything goes, in pixels of the output image.
    struct Layout: Equatable {
        var placement: Placement
        var rows: Int
        var columns: Int
        /// Width of the name column; longer names are truncated to it.
        var nameWidth: Int
        var margin: Int
        var swatch: Int
        var swatchGap: Int
        var lineHeight: Int
        var rowPitch: Int
        var columnGap: Int
        var entryWidth: Int
        /// Top-left corner of the panel.
        var panelX: Int
        var panelY: Int
        var outputWidth: Int
        var outputHeight: Int

        /// Top-left corner of entry `index`'s line box: right-hand legends fill columns top to bottom,
        /// legends below fill rows left to right.
        func entryOrigin(_ index: Int) -> (x: Int, y: Int) {
            let (row, column) = placement == .right ? (index % rows, index / rows) : (index / columns, index % columns)
            return (panelX + margin + column * (entryWidth + columnGap), panelY + margin + row * rowPitch)
        }

        /// Top of the swatch in the entry whose line box starts at `y`: centred on the line box.
        func swatchY(_ y: Int) -> Int { y + (lineHeight - swatch) / 2 }
    }

    /// `longestName`: the widest name's width in pixels, as `font` draws it.
    static func layout(entryCount: Int, longestName: Int, imageWidth: Int, imageHeight: Int, font: some GlyphRasterizer) -> Layout {
        precondition(entryCount > 0)
        let lineHeight = max(font.lineHeight, 1)
        let digit = max(font.width(of: "0"), 1)
        let margin = digit + 2
        let rowGap = max(lineHeight / 3, 2)
        let rowPitch = lineHeight + rowGap
        let columnGap = 2 * digit
        let swatch = max(lineHeight - 2, 4)
        let swatchGap = digit
        let nameWidth = min(max(longestName, 4 * digit), maxNameDigits * digit)
        let entryWidth = swatch + swatchGap + nameWidth + digit + font.width(of: widestShare)
        let placement: Placement = imageWidth > 2 * imageHeight ? .below : .right

        let rows: Int, columns: Int
        switch placement {
        case .right:
            let fitting = (imageHeight - 2 * margin + rowGap) / rowPitch
            rows = min(entryCount, max(fitting, minimumRowsPerColumn))
            columns = (entryCount + rows - 1) / rows
        case .below:
            let fitting = (imageWidth - 2 * margin + columnGap) / (entryWidth + columnGap)
            columns = min(entryCount, max(fitting, 1))
            rows = (entryCount + columns - 1) / columns
        }
        let panelWidth = 2 * margin + columns * entryWidth + (columns - 1) * columnGap
        let panelHeight = 2 * margin + rows * rowPitch - rowGap
        let right = placement == .right
        return Layout(placement: placement, rows: rows, columns: columns, nameWidth: nameWidth,
                      margin: margin, swatch: swatch, swatchGap: swatchGap, lineHeight: lineHeight, rowPitch: rowPitch,
                      columnGap: columnGap, entryWidth: entryWidth,
                      panelX: right ? imageWidth : 0, panelY: right ? 0 : imageHeight,
                      outputWidth: right ? imageWidth + panelWidth : max(imageWidth, panelWidth),
                      outputHeight: right ? max(imageHeight, panelHeight) : imageHeight + panelHeight)
    }

    /// `image` (RGB) with the legend panel of `entries` attached; the rest of the canvas is panel colour.
    static func attach(_ entries: [LegendEntry], to image: PixelImage, font: some GlyphRasterizer) -> PixelImage {
        precondition(image.channels == 3)
        let longestName = entries.map { font.width(of: $0.name) }.max() ?? 0
        let layout = layout(entryCount: entries.count, longestName: longestName,
                            imageWidth: image.width, imageHeight: image.height, font: font)
        var canvas = filledImage(width: layout.outputWidth, height: layout.outputHeight, color: background)
        copy(image, into: &canvas)
        for (index, entry) in entries.enumerated() {
            let origin = layout.entryOrigin(index)
            let swatchY = layout.swatchY(origin.y)
            fillRect(&canvas, x: origin.x, y: swatchY, width: layout.swatch, height: layout.swatch, color: swatchBorder)
            fillRect(&canvas, x: origin.x + 1, y: swatchY + 1, width: layout.swatch - 2, height: layout.swatch - 2, color: entry.color)
            let name = font.truncated(entry.name, toWidth: layout.nameWidth)
            font.draw(text: name, into: &canvas, at: (origin.x + layout.swatch + layout.swatchGap, origin.y), color: nameColor)
            let share = entry.shareText
            font.draw(text: share, into: &canvas, at: (origin.x + layout.entryWidth - font.width(of: share), origin.y), color: shareColor)
        }
        return canvas
    }

    static func filledImage(width: Int, height: Int, color: RGBColor) -> PixelImage {
        var pixels = [UInt8](repeating: 0, count: width * height * 3)
        pixels.withUnsafeMutableBufferPointer { rgb in
            for pixel in 0..<width * height {
                rgb[3 * pixel] = color.red
                rgb[3 * pixel + 1] = color.green
                rgb[3 * pixel + 2] = color.blue
            }
        }
        return PixelImage(width: width, height: height, channels: 3, pixels: pixels)
    }

    /// Copies `source` (RGB) into the top-left corner of `canvas` (RGB, at least as large).
    static func copy(_ source: PixelImage, into canvas: inout PixelImage) {
        let rowBytes = source.width * 3
        let canvasRowBytes = canvas.width * 3
        source.pixels.withUnsafeBufferPointer { src in
            canvas.pixels.withUnsafeMutableBufferPointer { dst in
                guard let from = src.baseAddress, let to = dst.baseAddress else { return }
                for y in 0..<source.height {
                    (to + y * canvasRowBytes).update(from: from + y * rowBytes, count: rowBytes)
                }
            }
        }
    }

    static func fillRect(_ image: inout PixelImage, x: Int, y: Int, width: Int, height: Int, color: RGBColor) {
        guard let xs = clipped(x, width, to: image.width), let ys = clipped(y, height, to: image.height) else { return }
        let imageWidth = image.width
        image.pixels.withUnsafeMutableBufferPointer { rgb in
            for row in ys {
                for column in xs {
                    let pixel = 3 * (row * imageWidth + column)
                    rgb[pixel] = color.red
                    rgb[pixel + 1] = color.green
                    rgb[pixel + 2] = color.blue
                }
            }
        }
    }
}
