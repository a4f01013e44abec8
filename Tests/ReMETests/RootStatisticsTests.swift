import Testing

/// The parser of `Tests/Fixtures/method/root_statistics.tsv` and the file itself.
@Suite struct RootStatisticsTests {
    static let header = "#! documents flickr30k_df=4 llava_detail_df=2\nroot\tflickr30k_df\tllava_detail_df\tlabel\tkind\tsynonym_of\n"

    @Test func theCommittedFileIsCompleteAndConsistent() throws {
        let s = try RootStatistics.load()
        #expect(s.flickr30kDocuments == 400 && s.llavaDetailDocuments == 106)
        #expect(s.records.count >= 700)
        let byRoot = Dictionary(uniqueKeysWithValues: s.records.map { ($0.root, $0) })
        for (root, label) in [("man", RootRecord.Label.concrete), ("image", .abstract), ("background", .abstract),
                              ("dog", .concrete), ("sky", .concrete), ("front", .abstract)] {
            #expect(byRoot[root]?.label == label, "\(root)")
        }
        #expect(byRoot["guy"]?.synonymOf == "man")
        #expect(s.records.allSatisfy { max($0.flickr30kDF, $0.llavaDetailDF) >= 1 })
    }

    @Test func parsesRowsAndSynonyms() throws {
        let s = try RootStatistics(parsing: Self.header + "dog\t3\t1\tconcrete\tanimal\t\npuppy\t1\t0\tconcrete\tanimal\tdog\nscene\t0\t2\tabstract\tmeta\t\n")
        #expect(s.records.map(\.root) == ["dog", "puppy", "scene"])
        #expect(s.records[1].visualClass == "dog" && s.records[2].visualClass == nil)
        #expect(s.documents(.llavaDetail) == 2)
    }

    @Test(arguments: [
        ("dog\t3\t1\tconcrete\tanimal\n", 3),             // five fields
        ("dog\tthree\t1\tconcrete\tanimal\t\n", 3),       // not a count
        ("dog\t3\t1\t\t\t\n", 3),                         // unlabelled
        ("dog\t3\t1\tvisible\tanimal\t\n", 3),            // unknown label
        ("dog\t9\t1\tconcrete\tanimal\t\n", 3),           // more documents than the corpus
        ("puppy\t1\t0\tconcrete\tanimal\tdog\n", 3),       // synonym of a missing root
        ("dog\t3\t1\tconcrete\tanimal\t\ndog\t1\t1\tconcrete\tanimal\t\n", 4),  // listed twice
    ])
    func malformedLinesThrowWithTheirLineNumber(_ body: String, line: Int) {
        #expect {
            try RootStatistics(parsing: Self.header + body)
        } throws: { error in
            guard case let .malformedLine(number, _) = error as? RootStatisticsError else { return false }
            return number == line
        }
    }

    @Test func missingHeaderOrDocumentCountsThrow() {
        #expect(throws: RootStatisticsError.missingDocumentCounts) {
            try RootStatistics(parsing: "root\tflickr30k_df\tllava_detail_df\tlabel\tkind\tsynonym_of\n")
        }
        #expect(throws: RootStatisticsError.missingHeader) {
            try RootStatistics(parsing: "#! documents flickr30k_df=4 llava_detail_df=2\n")
        }
    }
}
