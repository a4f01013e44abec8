import ArgumentParser
import Foundation
import ReME

/// The one line printed on stderr for an error a command throws. Library errors name values
/// and files only; the advice that names a command-line flag is added here, and only when the
/// command that failed has that flag.
struct ErrorReport {
    /// The long options of the command that ran (empty when parsing itself failed).
    var flags: Set<String>

    init(command: (any ParsableCommand.Type)?) {
        flags = command.map(Self.longOptions(of:)) ?? []
    }

    func line(for error: any Error) -> String {
        let text = message(for: error)
        return text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }

    private func message(for error: any Error) -> String {
        switch error {
        case let failure as CLIFailure:
            return failure.message
        case let error as ModelError:
            return modelAdvice(error)
        case let error as SegmentationError:
            return segmentationAdvice(error)
        case let error as PipelineError:
            if case .noLabels = error, flags.contains("--labels") {
                return "\(error): pass --labels \"cat, sofa, floor\""
            }
            if case .visualModelMissing = error, flags.contains("--visual") { return "\(error) (--visual)" }
            return error.description
        case let error as DatasetError:
            if case .classNamesNeeded = error, flags.contains("--class-names") {
                return "\(error): pass --class-names FILE"
            }
            return error.description
        case let error as BuildError:
            if case .incompatibleState = error, flags.contains("--work-dir") {
                return "\(error) (use another --work-dir, or delete it to start over)"
            }
            return error.description
        case let error as any CustomStringConvertible where !(error is NSError):
            return error.description
        default:
            let ns = error as NSError
            return FoundationErrorMessage.text(for: ns) ?? ns.localizedDescription
        }
    }

    private func modelAdvice(_ error: ModelError) -> String {
        guard case let .modelNotFound(model, _) = error else { return error.description }
        if (try? HubRepositoryID(model)) != nil {
            return "\(error); download it with `reme models fetch \(model)`"
        }
        return "\(error); give a model folder or a hub id ORG/NAME"
    }

    private func segmentationAdvice(_ error: SegmentationError) -> String {
        guard case .tooLarge = error else { return error.description }
        if flags.contains("--segment-short-side") {
            return "\(error): lower --segment-short-side (0 segments at the image's own size)"
        }
        if flags.contains("--short-side") {
            return "\(error): pass a smaller --short-side, or raise --max-megapixels"
        }
        return error.description
    }

    /// The `--long` names of a command's options, read from the option lines of its help
    /// (the lines that start with a dash), which list every option it parses.
    private static func longOptions(of command: any ParsableCommand.Type) -> Set<String> {
        var found: Set<String> = []
        for line in command.helpMessage(columns: 400).split(whereSeparator: \.isNewline) {
            let trimmed = line.drop { $0 == " " }
            guard trimmed.hasPrefix("-") else { continue }
            // The option's names end where its help text starts, after a run of spaces.
            let names = trimmed.components(separatedBy: "  ").first ?? ""
            for word in names.split(whereSeparator: { $0 == " " || $0 == "," }) where word.hasPrefix("--") {
                found.insert(String(word.prefix { $0 == "-" || $0.isLetter || $0.isNumber }))
            }
        }
        return found
    }
}
