import Foundation
import Testing

@Suite struct RootCommandTests {
    @Test func helpDescribesTheProgram() throws {
        let r = try CLI.run(["--help"])
        #expect(r.exitCode == 0)
        #expect(r.stdout.contains("Open-vocabulary image segmentation"))
        #expect(r.stdout.contains("USAGE: reme"))
    }

    @Test func versionPrintsSemver() throws {
        let r = try CLI.run(["--version"])
        #expect(r.exitCode == 0)
        let parts = r.stdout.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".")
        #expect(parts.count == 3 && parts.allSatisfy { Int($0) != nil })
    }

    @Test func unknownArgumentFailsWithMessageOnStderr() throws {
        let r = try CLI.run(["no-such-command"])
        #expect(r.exitCode != 0)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("no-such-command"))
    }
}
