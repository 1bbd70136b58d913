/// A stack that hands its top elements out as an exactly sized array by moving them, without
/// retaining and releasing each one and without the reallocations of a growing array.
///
/// The tree builder keeps the children of every open collection here, one after another; when a
/// collection closes, its children leave as one array. A building block of a single parse, not
/// shared between threads.
final class ScratchStack<Element> {
    private var base: UnsafeMutablePointer<Element>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int = 64) {
        self.capacity = capacity
        base = .allocate(capacity: capacity)
    }

    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }

    func push(_ element: consuming Element) {
        if count == capacity { grow() }
        (base + count).initialize(to: element)
        count += 1
    }

    /// The elements from `start` to the top, moved out; the stack shrinks to `start` elements.
    func popArray(from start: Int) -> [Element] {
        let moved = count - start
        guard moved > 0 else { return [] }
        count = start
        // reserveCapacity and append are specialised for the element type, unlike
        // Array(unsafeUninitializedCapacity:), which looks up type metadata on every call.
        var array: [Element] = []
        array.reserveCapacity(moved)
        for index in start..<(start + moved) { array.append((base + index).move()) }
        return array
    }

    private func grow() {
        let larger = UnsafeMutablePointer<Element>.allocate(capacity: capacity * 2)
        larger.moveInitialize(from: base, count: count)
        base.deallocate()
        base = larger
        capacity *= 2
    }
}
