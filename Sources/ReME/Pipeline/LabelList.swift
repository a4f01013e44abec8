import Foundation

/// Parses the class names users give on the command line ("cat, sofa, floor").
public enum LabelList {
    public static func parse(_ texts: [String]) throws(PipelineError) -> [String] {
        let names = texts.flatMap { $0.split(separator: ",") }
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .filter { !$0.isEmpty }
        guard !names.isEmpty else { throw .noLabels }
        var seen = Set<String>()
        for n in names {
            guard seen.insert(n.lowercased()).inserted else { throw .labels("label '\(n)' is given twice") }
        }
        guard names.count <= 65535 else { throw .labels("\(names.count) labels: at most 65535 are supported") }
        return names
    }
}
