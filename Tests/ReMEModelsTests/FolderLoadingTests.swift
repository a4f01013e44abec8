import Foundation
import ReMEModels
import ReMETensor
import Testing

/// Folders as users have them: sharded weights, tokenizer files next to the config.
struct FolderLoadingTests {
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("reme-models-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func shardedCheckpointLoadsAndMatches() throws {
        let source = Fixtures.model("dinov2_swiglu")
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(at: source.appendingPathComponent("config.json"),
                                         to: folder.appendingPathComponent("config.json"))
        let weights = try SafetensorsFile.fixture(source.appendingPathComponent("model.safetensors"))
        var shards = [SafetensorsWriter(), SafetensorsWriter()]
        var map = [String: String]()
        for (i, name) in weights.names.enumerated() {
            let shard = i % 2
            try shards[shard].add(name, try weights.tensor(name), as: shard == 0 ? .f32 : .f16)
            map[name] = "model-0000\(shard + 1)-of-00002.safetensors"
        }
        for (i, shard) in shards.enumerated() {
            try shard.write(to: folder.appendingPathComponent("model-0000\(i + 1)-of-00002.safetensors").path)
        }
        let index = try JSONSerialization.data(withJSONObject: ["metadata": [:], "weight_map": map])
        try index.write(to: folder.appendingPathComponent("model.safetensors.index.json"))

        let encoder = try ImageTowerRegistry.standard.load(ModelFolder(url: folder))
        let refs = try SafetensorsFile.fixture(source.appendingPathComponent("reference.safetensors"))
        let out = try encoder(try refs["pixel_values_42x42"])
        // Half the tensors went through F16, so the bound is looser than the F32 one.
        #expect(minRowCosine(out.poolerOutput, try refs["pooler_output_42x42"]) >= 0.999)
        #expect(maxAbsDifference(out.lastHiddenState, try refs["last_hidden_state_42x42"]) <= 0.05)
    }

    @Test func tokenizerFolderFilesAndPadTokenAreRead() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // A toy vocabulary: single letters, "ab", "ab</w>", "c</w>", and the special tokens.
        let vocab: [String: Int] = ["!": 0, "a": 1, "b": 2, "c</w>": 3, "ab": 4, "ab</w>": 5, "b</w>": 6,
                                    "<|startoftext|>": 7, "<|endoftext|>": 8]
        try JSONSerialization.data(withJSONObject: vocab).write(to: folder.appendingPathComponent("vocab.json"))
        try "#version: 0.2\na b</w>\na b\n".write(to: folder.appendingPathComponent("merges.txt"), atomically: true, encoding: .utf8)
        try #"{"pad_token": {"content": "!"}, "model_max_length": 6}"#
            .write(to: folder.appendingPathComponent("special_tokens_map.json"), atomically: true, encoding: .utf8)
        let tok = try CLIPTokenizer.load(folder: folder)
        #expect(tok.padID == 0 && tok.maxLength == 6)
        #expect(tok.encode("AB abc") == [7, 5, 4, 3, 8, 0])
        #expect(tok.encode("ab ab ab ab ab") == [7, 5, 5, 5, 5, 8])
    }
}
