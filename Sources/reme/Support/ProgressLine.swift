import Foundation

/// A progress line on stderr: redrawn in place on a terminal, printed at most every few
/// seconds otherwise (logs of batch jobs stay readable).
final class ProgressLine: @unchecked Sendable {
    enum Unit { case items, bytes }

    private let label: String
    private let unit: Unit
    private let isTerminal = isatty(STDERR_FILENO) == 1
    private let start = Date()
    private var lastDraw = Date.distantPast
    private let lock = NSLock()
    private var lastWidth = 0

    init(_ label: String, unit: Unit = .items) {
        self.label = label
        self.unit = unit
    }

    /// Reports `done` of `total` (total ≤ 0 when unknown); `note` is appended (e.g. a file name).
    func update(_ done: Int64, of total: Int64, note: String = "", force: Bool = false) {
        lock.lock(); defer { lock.unlock() }
        let now = Date()
        let interval = isTerminal ? 0.1 : 5
        guard force || now.timeIntervalSince(lastDraw) >= interval else { return }
        lastDraw = now
        let text = Self.render(label: label, done: done, total: total, elapsed: now.timeIntervalSince(start), unit: unit, note: note)
        if isTerminal {
            let padding = String(repeating: " ", count: max(0, lastWidth - text.count))
            FileHandle.standardError.write(Data("\r\(text)\(padding)".utf8))
            lastWidth = text.count
        } else {
            FileHandle.standardError.write(Data("\(text)\n".utf8))
        }
    }

    /// Ends the line (on a terminal) so later output starts on a fresh line.
    func finish(_ message: String? = nil) {
        lock.lock(); defer { lock.unlock() }
        if isTerminal && lastWidth > 0 { FileHandle.standardError.write(Data("\n".utf8)) }
        if let message { FileHandle.standardError.write(Data("\(message)\n".utf8)) }
        lastWidth = 0
    }

    static func render(label: String, done: Int64, total: Int64, elapsed: TimeInterval, unit: Unit, note: String) -> String {
        var parts = [label]
        let rate = elapsed > 0 ? Double(done) / elapsed : 0
        if total > 0 {
            let fraction = min(1, Double(done) / Double(total))
            let width = 24
            let filled = Int(fraction * Double(width))
            parts.append("[" + String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled) + "]")
            parts.append(String(format: "%3.0f%%", fraction * 100))
            parts.append("\(format(done, unit))/\(format(total, unit))")
        } else {
            parts.append(format(done, unit))
        }
        parts.append(unit == .bytes ? "\(format(Int64(rate), unit))/s" : String(format: "%.2f/s", rate))
        if total > 0 && rate > 0 && done < total {
            parts.append("ETA " + duration(Double(total - done) / rate))
        } else {
            parts.append("elapsed " + duration(elapsed))
        }
        if !note.isEmpty { parts.append(note) }
        return parts.joined(separator: " ")
    }

    static func format(_ value: Int64, _ unit: Unit) -> String {
        guard unit == .bytes else { return String(value) }
        let v = Double(value)
        if v >= 1_073_741_824 { return String(format: "%.2f GB", v / 1_073_741_824) }
        if v >= 1_048_576 { return String(format: "%.1f MB", v / 1_048_576) }
        if v >= 1024 { return String(format: "%.1f kB", v / 1024) }
        return "\(value) B"
    }

    static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "?" }
        let s = Int(seconds.rounded())
        return s >= 3600 ? String(format: "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                         : String(format: "%d:%02d", s / 60, s % 60)
    }
}
