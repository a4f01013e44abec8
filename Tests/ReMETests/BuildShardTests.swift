import Foundation
import Testing
@testable import ReME

@Suite struct BuildShardTests {
    @Test func parsesAndValidates() throws {
        #expect(try BuildShard(parsing: "2/8") == BuildShard(index: 2, count: 8))
        for bad in ["8/8", "-1/4", "1/0", "x/2", "1", "1/2/3"] {
            #expect(throws: BuildError.self) { try BuildShard(parsing: bad) }
        }
        #expect(try BuildShard(parsing: "3/16").fileTag == "shard-003-of-016")
    }

    @Test func shardsPartitionTheImagesEvenly() throws {
        let n = 5
        let images = (0..<10_000).map { "train/\($0 / 100)/img_\($0).jpg" }
        var owners = [Int](repeating: 0, count: images.count)
        var sizes = [Int](repeating: 0, count: n)
        for i in 0..<n {
            let shard = try BuildShard(index: i, count: n)
            for (p, image) in images.enumerated() where shard.contains(image: image) {
                owners[p] += 1
                sizes[i] += 1
            }
        }
        #expect(owners.allSatisfy { $0 == 1 })
        // 2000 expected per shard, standard deviation about 40.
        #expect(sizes.allSatisfy { abs($0 - 2000) < 200 }, "\(sizes)")
    }

    @Test func anImagesShardDoesNotDependOnTheOtherImages() throws {
        // The assignment is a function of the path alone: removing or adding images never moves
        // the others to a shard whose log lacks their records.
        let shard = try BuildShard(index: 1, count: 3)
        let before = ["a.jpg", "b.jpg", "c.jpg", "d.jpg"].filter { shard.contains(image: $0) }
        let after = ["b.jpg", "c.jpg", "d.jpg", "e.jpg"].filter { shard.contains(image: $0) }
        #expect(before.filter { $0 != "a.jpg" } == after.filter { $0 != "e.jpg" })
    }

    @Test func readsSchedulerEnvironments() throws {
        #expect(try BuildShard.fromEnvironment([:]) == nil)
        #expect(try BuildShard.fromEnvironment(["SLURM_ARRAY_TASK_ID": "4", "SLURM_ARRAY_TASK_COUNT": "10"]) == BuildShard(index: 4, count: 10))
        #expect(try BuildShard.fromEnvironment(["SLURM_ARRAY_TASK_ID": "5", "SLURM_ARRAY_TASK_COUNT": "10",
                                                "SLURM_ARRAY_TASK_MIN": "1"]) == BuildShard(index: 4, count: 10))
        #expect(try BuildShard.fromEnvironment(["JOB_COMPLETION_INDEX": "0", "REME_SHARD_COUNT": "3"]) == BuildShard(index: 0, count: 3))
        #expect(throws: BuildError.self) { try BuildShard.fromEnvironment(["JOB_COMPLETION_INDEX": "0"]) }
        #expect(throws: BuildError.self) { try BuildShard.fromEnvironment(["SLURM_ARRAY_TASK_ID": "12", "SLURM_ARRAY_TASK_COUNT": "10"]) }
    }

    @Test func listsImagesRecursivelySortedSkippingHiddenAndOtherFiles() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("reme-images-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        for f in ["b.jpg", "a.PNG", "sub/c.jpeg", "notes.txt", ".hidden/d.jpg"] {
            let url = root.appendingPathComponent(f)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data([0]).write(to: url)
        }
        #expect(try ImageFolder.list(root) == ["a.PNG", "b.jpg", "sub/c.jpeg"])
        #expect(throws: BuildError.self) { try ImageFolder.list(root.appendingPathComponent("missing")) }
    }
}
