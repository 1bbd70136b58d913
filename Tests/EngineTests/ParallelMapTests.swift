import Testing
@testable import Engine

/// The parallel maps run their closures on several threads at once: every element must be
/// visited exactly once, and every result land in its element's place.
@Suite("Parallel maps")
struct ParallelMapTests {
    @Test("parallelMap keeps the order of the elements", arguments: [0, 1, 2, 7, 1_000])
    func mapKeepsOrder(count: Int) {
        let numbers = Array(0..<count)
        #expect(numbers.parallelMap { $0 * 3 } == numbers.map { $0 * 3 })
    }

    @Test("parallelUpdate changes every element once", arguments: [0, 1, 2, 7, 1_000])
    func updateChangesEach(count: Int) {
        var numbers = Array(0..<count)
        numbers.parallelUpdate { $0 += 10 }
        #expect(numbers == Array(10..<(count + 10)))
    }

    @Test("parallelMap(updating:) maps in order and leaves each element as the transform changed it", arguments: [0, 1, 2, 7, 1_000])
    func mapUpdatingKeepsOrderAndChanges(count: Int) {
        var texts = (0..<count).map { "item \($0)" }
        let lengths = texts.parallelMap(updating: { text in
            let length = text.count
            text = ""
            return length
        })
        #expect(lengths == (0..<count).map { "item \($0)".count })
        #expect(texts == Array(repeating: "", count: count))
    }
}
