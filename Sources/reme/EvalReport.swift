import Foundation
import ReME

/// How `reme eval` shows its numbers and what a resumable run did.
enum EvalReport {
    /// Prints the per-class table and the totals; writes the results JSON to `output` if given.
    static func present(_ result: EvaluationResult, output: String?) throws {
        print("| class | IoU |")
        print("| --- | --- |")
        for entry in result.perClass {
            print("| \(entry.name) | \(entry.iou.map { String(format: "%.2f", $0) } ?? "—") |")
        }
        print(String(format: "%@: %d images, mIoU %.2f, aAcc %.2f", result.dataset, result.images, result.mIoU, result.aAcc))
        if let output {
            let json = try JSONSerialization.data(withJSONObject: result.json, options: [.prettyPrinted, .sortedKeys])
            try json.write(to: URL(fileURLWithPath: output), options: .atomic)
        }
    }

    /// e.g. `images: 3 evaluated now (1 new, 2 recomputed: 2 label map changed), 5 resumed`.
    static func summaryLine(_ s: ResumableEvaluation.Summary) -> String {
        var parts: [String] = []
        if s.new > 0 { parts.append("\(s.new) new") }
        let recomputed = s.recomputed.values.reduce(0, +)
        if recomputed > 0 {
            let reasons = EvalRecomputeReason.allCases.compactMap { r in s.recomputed[r].map { "\($0) \(r)" } }
            parts.append("\(recomputed) recomputed: " + reasons.joined(separator: ", "))
        }
        let detail = parts.isEmpty ? "" : " (" + parts.joined(separator: ", ") + ")"
        return "images: \(s.evaluatedNow) evaluated now\(detail), \(s.reused) resumed"
    }
}
