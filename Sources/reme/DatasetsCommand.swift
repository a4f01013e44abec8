import ArgumentParser
import Foundation
import ReME

struct DatasetsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "datasets", abstract: "Inspect benchmark folders.", subcommands: [DatasetsCheckCommand.self])
}

struct DatasetsCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check every benchmark found in a folder in the layouts `reme eval --root` reads.",
        discussion: """
            Per benchmark: images and label maps counted, files that do not pair up, and the label \
            values against the class count and the ignore value (after the layout's reduce_zero_label). \
            Every label map is read. Exits non-zero when no benchmark is found or a problem is.
            """
    )

    @Argument(help: "The folder holding the datasets (or one dataset).") var folder: String
    @Option(help: "How many problem files to list per benchmark.") var show = 5

    func run() throws {
        let reports = DatasetCheck.check(root: URL(fileURLWithPath: folder))
        guard !reports.isEmpty else {
            throw CLIFailure(message: "no benchmark found under \(folder) in any layout `reme eval` reads (docs/pipeline.md)")
        }
        for report in reports { print(describe(report)) }
        let failing = reports.filter(\.hasProblems)
        if !failing.isEmpty {
            throw CLIFailure(message: "problems in \(failing.map { "\($0.benchmark.rawValue) (\($0.folder))" }.joined(separator: ", "))")
        }
    }

    private func describe(_ r: DatasetCheckReport) -> String {
        var lines = ["\(r.benchmark.rawValue): \(r.layout) layout in \(r.folder)"]
        var counts = "  \(r.images) images, \(r.labelMaps) label maps"
        if let split = r.splitEntries { counts += ", \(split) in the split" }
        lines.append(counts)
        let classes = r.classCount.map { "\($0) classes" } ?? "class count unknown (no class_names.txt)"
        let values = r.labelValues.map { "label values \($0.lowerBound)…\($0.upperBound)" } ?? "no label values read"
        lines.append("  \(values); \(classes), ignore \(r.ignoreIndex)")
        func list(_ title: String, _ items: [String]) {
            guard !items.isEmpty else { return }
            lines.append("  \(items.count) \(title):")
            lines += items.prefix(show).map { "    \($0)" }
            if items.count > show { lines.append("    …") }
        }
        list(r.splitEntries == nil ? "images without a label map" : "split entries without an image or a label map",
             r.imagesWithoutLabel)
        list("label maps without an image", r.labelsWithoutImage)
        list("label maps with values that are no class and not the ignore value",
             r.outOfRange.map { "\($0.file): \($0.values.prefix(8).map(String.init).joined(separator: ", "))" })
        list("unreadable label maps", r.unreadableLabels.map { "\($0.file): \($0.reason)" })
        if !r.hasProblems { lines.append("  ok") }
        return lines.joined(separator: "\n")
    }
}
