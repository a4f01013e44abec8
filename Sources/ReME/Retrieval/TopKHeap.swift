/// The `capacity` largest scores seen, as a binary min-heap. Equal scores prefer the lower id.
struct TopKHeap {
    struct Entry { var score: Float; var id: Int }
    let capacity: Int
    private(set) var entries: [Entry] = []

    init(capacity: Int) {
        self.capacity = capacity
        entries.reserveCapacity(capacity)
    }

    /// True when `a` ranks below `b`.
    @inline(__always)
    static func worse(_ a: Entry, _ b: Entry) -> Bool {
        a.score != b.score ? a.score < b.score : a.id > b.id
    }

    var minimum: Entry? { entries.first }

    mutating func offer(score: Float, id: Int) {
        guard capacity > 0 else { return }
        let e = Entry(score: score, id: id)
        if entries.count < capacity {
            entries.append(e)
            siftUp(entries.count - 1)
        } else if Self.worse(entries[0], e) {
            entries[0] = e
            siftDown(0)
        }
    }

    func sortedDescending() -> [Entry] { entries.sorted { Self.worse($1, $0) } }

    private mutating func siftUp(_ index: Int) {
        var i = index
        while i > 0 {
            let parent = (i - 1) / 2
            guard Self.worse(entries[i], entries[parent]) else { return }
            entries.swapAt(i, parent)
            i = parent
        }
    }

    private mutating func siftDown(_ index: Int) {
        var i = index
        let n = entries.count
        while true {
            let l = 2 * i + 1, r = l + 1
            var m = i
            if l < n, Self.worse(entries[l], entries[m]) { m = l }
            if r < n, Self.worse(entries[r], entries[m]) { m = r }
            if m == i { return }
            entries.swapAt(i, m)
            i = m
        }
    }
}
