import ReME

/// `--points "x,y[,label];…"` and `--boxes "x0,y0,x1,y1[;…]"` in the image's pixels.
enum SAMPromptArguments {
    static func points(_ text: String) throws(CLIFailure) -> [SAMPredictor.Point] {
        try items(text).map { (item: String) throws(CLIFailure) -> SAMPredictor.Point in
            let values = try numbers(item, option: "--points")
            guard values.count == 2 || values.count == 3 else {
                throw CLIFailure(message: "--points: '\(item)' is not x,y or x,y,label")
            }
            var label: Int32 = 1
            if values.count == 3 {
                guard values[2] == 0 || values[2] == 1 else {
                    throw CLIFailure(message: "--points: label \(values[2]) in '\(item)' must be 1 (foreground) or 0 (background)")
                }
                label = Int32(values[2])
            }
            return SAMPredictor.Point(x: values[0], y: values[1], label: label)
        }
    }

    static func boxes(_ text: String) throws(CLIFailure) -> [[Float]] {
        try items(text).map { (item: String) throws(CLIFailure) -> [Float] in
            let values = try numbers(item, option: "--boxes")
            guard values.count == 4 else { throw CLIFailure(message: "--boxes: '\(item)' is not x0,y0,x1,y1") }
            return values
        }
    }

    private static func items(_ text: String) -> [String] {
        text.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    private static func numbers(_ item: String, option: String) throws(CLIFailure) -> [Float] {
        try item.split(separator: ",", omittingEmptySubsequences: false).map { (part: Substring) throws(CLIFailure) -> Float in
            let trimmed = part.trimmingCharacters(in: .whitespaces)
            guard let value = Float(trimmed), value.isFinite else {
                throw CLIFailure(message: "\(option): '\(trimmed)' in '\(item)' is not a number")
            }
            return value
        }
    }
}
