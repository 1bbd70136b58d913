import Dispatch
import Platform

extension Array where Element: Sendable {
    /// The elements transformed on every core at once, in their order. For independent, pure
    /// work on many elements: rendering a thousand documents, writing a thousand files.
    public func parallelMap<Mapped: Sendable>(_ transform: @Sendable (Element) -> Mapped) -> [Mapped] {
        guard count > 1 else { return map(transform) }
        // The results are written straight into the array's storage, each slot once, by the
        // chunk that owns it: no second array of optionals to unwrap (at 10,000 documents each
        // copy is megabytes).
        return [Mapped](unsafeUninitializedCapacity: count) { storage, initializedCount in
            nonisolated(unsafe) let slots = storage
            withoutActuallyEscaping(transform) { transform in
                Self.inChunks(count) { index in (slots.baseAddress! + index).initialize(to: transform(self[index])) }
            }
            initializedCount = count
        }
    }

    /// Changes every element in place, on every core at once: `parallelMap` without a second
    /// array beside the first while it runs.
    public mutating func parallelUpdate(_ update: @Sendable (inout Element) -> Void) {
        _ = parallelMap(updating: update)
    }

    /// `parallelMap` whose transform may also change each element: to let go of what is no
    /// longer needed once the element is mapped, while the others are still being mapped.
    public mutating func parallelMap<Mapped: Sendable>(updating transform: @Sendable (inout Element) -> Mapped) -> [Mapped] {
        guard count > 1 else { return indices.map { transform(&self[$0]) } }
        let count = self.count
        return withUnsafeMutableBufferPointer { elements in
            nonisolated(unsafe) let sources = elements
            return [Mapped](unsafeUninitializedCapacity: count) { storage, initializedCount in
                nonisolated(unsafe) let slots = storage
                withoutActuallyEscaping(transform) { transform in
                    Self.inChunks(count) { index in (slots.baseAddress! + index).initialize(to: transform(&sources[index])) }
                }
                initializedCount = count
            }
        }
    }

    /// Calls `body` with every index below `count`, in a few chunks per core run at once; each
    /// index belongs to one chunk, so no two threads touch the same element.
    private static func inChunks(_ count: Int, _ body: (Int) -> Void) {
        let chunks = Swift.min(count, ProcessInfo.processInfo.activeProcessorCount * 4)
        withoutActuallyEscaping(body) { body in
            nonisolated(unsafe) let body = body
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                for index in (count * chunk / chunks)..<(count * (chunk + 1) / chunks) {
                    body(index)
                }
            }
        }
    }
}
