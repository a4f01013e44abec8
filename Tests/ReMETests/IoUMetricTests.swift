import Foundation
import Testing
@testable import ReME

@Suite struct IoUMetricTests {
    struct Fixture: Decodable {
        struct Image: Decodable { let height: Int; let width: Int; let prediction: [Int32]; let label: [Int32] }
        struct Expected: Decodable { let aAcc: Double; let mIoU: Double; let mAcc: Double; let per_class_iou: [Double?] }
        let name: String
        let num_classes: Int
        let ignore_index: Int32
        let reduce_zero_label: Bool
        let images: [Image]
        let expected: Expected
    }

    @Test func matchesTheMmsegmentationFormula() throws {
        let data = try Data(contentsOf: fixtureURL("method/miou_cases.json"))
        let cases = try JSONDecoder().decode([Fixture].self, from: data)
        #expect(cases.count == 2)
        for c in cases {
            var metric = IoUMetric(classCount: c.num_classes, ignoreIndex: c.ignore_index, reduceZeroLabel: c.reduce_zero_label)
            for image in c.images { try metric.add(prediction: image.prediction, groundTruth: image.label) }
            let s = metric.summary
            #expect(abs(s.mIoU - c.expected.mIoU) < 1e-9, "\(c.name)")
            #expect(abs(s.aAcc - c.expected.aAcc) < 1e-9, "\(c.name)")
            #expect(abs(s.mAcc - c.expected.mAcc) < 1e-9, "\(c.name)")
            for (got, want) in zip(s.perClassIoU, c.expected.per_class_iou) {
                if let want { #expect(abs(got - want) < 1e-9) } else { #expect(got.isNaN) }
            }
        }
    }

    @Test func handWorkedExample() throws {
        var metric = IoUMetric(classCount: 3)
        try metric.add(prediction: [0, 0, 1, 1, 2, 255], groundTruth: [0, 1, 1, 1, 255, 0])
        let s = metric.summary
        // class 0: I 1, U 3 (the 255 prediction counts in no class) ; class 1: I 2, U 3 ;
        // class 2: I 0, U 0 → NaN (pixel 4 is ignored)
        #expect(abs(s.perClassIoU[0] - 100.0 / 3) < 1e-12)
        #expect(abs(s.perClassIoU[1] - 200.0 / 3) < 1e-12)
        #expect(s.perClassIoU[2].isNaN)
        #expect(abs(s.mIoU - 50) < 1e-12)
        #expect(s.aAcc == 60)
        #expect(throws: MethodError.self) { try metric.add(prediction: [0], groundTruth: [0, 1]) }
    }
}
