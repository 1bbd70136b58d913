import Dispatch
import Foundation

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

    /// Splits the elements into a few consecutive runs per core and hands each run to
    /// `transform` on several threads at once, to change in place; the results come in the runs'
    /// order. For work that gathers what it finds per run rather than per element.
    public mutating func parallelMapRuns<Mapped: Sendable>(
        _ transform: @Sendable (inout Slice<UnsafeMutableBufferPointer<Element>>) -> Mapped
    ) -> [Mapped] {
        let runs = Self.runs(of: count)
        return withUnsafeMutableBufferPointer { elements in
            nonisolated(unsafe) let sources = elements
            return [Mapped](unsafeUninitializedCapacity: runs.count) { storage, initializedCount in
                nonisolated(unsafe) let slots = storage
                withoutActuallyEscaping(transform) { transform in
                    DispatchQueue.concurrentPerform(iterations: runs.count) { run in
                        var slice = sources[runs[run]]
                        (slots.baseAddress! + run).initialize(to: transform(&slice))
                    }
                }
                initializedCount = runs.count
            }
        }
    }

    /// Calls `body` with every index below `count`, in a few chunks per core run at once; each
    /// index belongs to one chunk, so no two threads touch the same element.
    private static func inChunks(_ count: Int, _ body: (Int) -> Void) {
        let runs = runs(of: count)
        withoutActuallyEscaping(body) { body in
            nonisolated(unsafe) let body = body
            DispatchQueue.concurrentPerform(iterations: runs.count) { run in
                for index in runs[run] { body(index) }
            }
        }
    }

    /// Consecutive ranges covering `0..<count`, a few per core (none when `count` is 0).
    private static func runs(of count: Int) -> [Range<Int>] {
        let chunks = Swift.min(count, ProcessInfo.processInfo.activeProcessorCount * 4)
        return (0..<chunks).map { chunk in (count * chunk / chunks)..<(count * (chunk + 1) / chunks) }
    }
}
