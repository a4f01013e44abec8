import Foundation
import Testing
@testable import reme
import ReME

/// `reme caption --from FILE`: the whole command on a temporary folder.
@Suite struct CaptionCommandTests {
    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("reme-caption-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url.appendingPathComponent("sub"), withIntermediateDirectories: true)
        return url
    }

    @Test func captionsFromAFileAndResumes() async throws {
        let dir = try Self.folder()
        try Data([0xFF, 0xD8]).write(to: dir.appendingPathComponent("a.jpg"))
        try Data([0x89, 0x50]).write(to: dir.appendingPathComponent("sub/b.png"))
        try Data("not an image".utf8).write(to: dir.appendingPathComponent("notes.txt"))
        let captions = dir.appendingPathComponent("in.jsonl")
        try Data("{\"image\":\"a.jpg\",\"caption\":\"A cat.\"}\n{\"image\":\"b.png\",\"caption\":\"A dog.\"}\n".utf8).write(to: captions)
        let output = dir.appendingPathComponent("out.jsonl").path
        let arguments = ["--images", dir.path, "--from", captions.path, "--output", output]
        var command = try CaptionCommand.parse(arguments)
        try await command.run()
        let lines = try String(contentsOfFile: output, encoding: .utf8).split(separator: "\n").sorted()
        #expect(lines == [#"{"image":"a.jpg","caption":"A cat."}"#, #"{"image":"sub/b.png","caption":"A dog."}"#])
        // A second run finds everything done and appends nothing.
        command = try CaptionCommand.parse(arguments)
        try await command.run()
        #expect(try String(contentsOfFile: output, encoding: .utf8).split(separator: "\n").count == 2)
    }

    @Test func missingCaptionsFailAfterSavingTheOthers() async throws {
        let dir = try Self.folder()
        try Data([0xFF]).write(to: dir.appendingPathComponent("a.jpg"))
        try Data([0xFF]).write(to: dir.appendingPathComponent("z.jpg"))
        let captions = dir.appendingPathComponent("in.jsonl")
        try Data("{\"image\":\"a.jpg\",\"caption\":\"A cat.\"}\n".utf8).write(to: captions)
        let output = dir.appendingPathComponent("out.jsonl").path
        let command = try CaptionCommand.parse(["--images", dir.path, "--from", captions.path, "--output", output])
        await #expect(throws: CLIFailure.self) { try await command.run() }
        #expect(try String(contentsOfFile: output, encoding: .utf8) == #"{"image":"a.jpg","caption":"A cat."}"# + "\n")
    }

    @Test func validatesSources() {
        #expect(throws: (any Error).self) { try CaptionCommand.parse(["--images", "/tmp", "--output", "o.jsonl"]) }
        #expect(throws: (any Error).self) {
            try CaptionCommand.parse(["--images", "/tmp", "--server", "http://127.0.0.1:1", "--output", "o.jsonl"])
        }
        #expect(throws: (any Error).self) {
            try CaptionCommand.parse(["--images", "/tmp", "--from", "f", "--output", "o", "--concurrency", "0"])
        }
    }
}
