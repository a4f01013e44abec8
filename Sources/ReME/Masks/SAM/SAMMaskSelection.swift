import ReMEImage

/// The last step of automatic mask generation: one box NMS over all candidates (transformers'
/// `post_process_for_mask_generation`), then, with `minMaskRegionArea > 0`, SAM's small-region
/// post-processing (`SAMSmallRegions`).
enum SAMMaskSelection {
    static func select(_ candidates: [SAMMaskCandidate], settings: SAMMaskGenerationSettings, width: Int,
                       height: Int) throws -> [SAMGeneratedMask] {
        let keep = SAMBoxNMS.keep(boxes: candidates.map { $0.box.map(Float.init) }, scores: candidates.map(\.score),
                                  threshold: settings.boxNMSThresh)
        let masks = keep.map { i in
            let c = candidates[i]
            return SAMGeneratedMask(segmentation: COCOMask(width: width, height: height, runs: c.runs),
                                    bbox: SAMGeneratedMask.xywh(c.box), predictedIoU: c.score, stabilityScore: c.stability,
                                    pointCoords: [[Double(c.point.x), Double(c.point.y)]],
                                    cropBox: SAMGeneratedMask.xywh(c.crop))
        }
        guard settings.minMaskRegionArea > 0 else { return masks }
        return try SAMSmallRegions.postprocess(masks, minArea: settings.minMaskRegionArea, nmsThreshold: settings.boxNMSThresh)
    }
}
