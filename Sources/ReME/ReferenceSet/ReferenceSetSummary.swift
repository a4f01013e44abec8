/// What `reme refset info --json` prints and `reme serve` reports at `/v1/info`: sizes, the most
/// frequent roots, the per-stage statistics and the provenance of a reference set.
extension ReferenceSet {
    /// A JSON-ready dictionary (`JSONSerialization`); `top` most frequent roots are listed.
    public func summary(top: Int) -> [String: Any] {
        let st = statistics
        return [
            "segments": segmentCount, "phrases": phraseCount, "roots": Set(roots).count,
            "pairs": assignment.indices.count,
            "segment_dimension": segmentEmbeddings.shape.last ?? 0,
            "label_dimension": labelEmbeddings.shape.last ?? 0,
            "top_roots": topRoots(top).map { ["root": $0.root, "pairs": $0.pairs] as [String: Any] },
            "statistics": [
                "images": st.images, "base_pairs": st.basePairs, "base_segments": st.baseSegments,
                "ambiguous_removed_pairs": st.ambiguousRemovedPairs, "ambiguous_dropped_roots": st.ambiguousDroppedRoots,
                "group_removed_pairs": st.groupRemovedPairs, "clip_score_removed_pairs": st.clipScoreRemovedPairs,
                "enhancement_added_pairs": st.enhancementAddedPairs,
                "synonym_pairs": st.synonymPairs,
            ] as [String: Any],
            "provenance": provenance,
        ]
    }

    /// Reference-set pairs per root, most frequent first (ties by name).
    public func topRoots(_ top: Int) -> [(root: String, pairs: Int)] {
        var rootCounts: [String: Int] = [:]
        for column in assignment.indices { rootCounts[roots[Int(column)], default: 0] += 1 }
        return rootCounts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(top)
            .map { (root: $0.key, pairs: $0.value) }
    }
}
