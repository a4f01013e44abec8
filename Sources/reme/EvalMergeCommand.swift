import ArgumentParser
import Foundation
import ReME

struct EvalMergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Sum the shards of a sharded evaluation into one result.",
        discussion: """
            Every shard of the work folder must have run to the end with the same benchmark, split \
            and settings; the result equals a single-process run's.
            """
    )

    @Option(help: "The work folder the shards share.") var workDir: String
    @Option(help: "Write {dataset, mIoU, aAcc, per_class} JSON here.") var output: String?

    func run() throws {
        if let output { try OutputCheck.file(output, option: "--output") }
        try EvalReport.present(try EvaluationMerge.result(workFolder: URL(fileURLWithPath: workDir)), output: output)
    }
}
