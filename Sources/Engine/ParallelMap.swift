import Dispatch
import Foundation

extension Array where Element: Sendable {
    /// The elements transformed on every core at once, in their order. For independent, pure
    /// work on many elements: rendering a thousand documents, writing a thousand files.
    public func parallelMap<Mapped: Sendable>(_ transform: @Sendable (Element) -> Mapped) -> [Mapped] {
        guard count > 1 else { return map(transform) }
        let chunks = Swift.min(count, ProcessInfo.processInfo.activeProcessorCount * 4)
        let results = UnsafeMutableBufferPointer<Mapped?>.allocate(capacity: count)
        results.initialize(repeating: nil)
        defer { results.deallocate() }
        // Each chunk writes only its own slots, so no two threads touch the same memory.
        nonisolated(unsafe) let slots = results
        withoutActuallyEscaping(transform) { transform in
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                for index in (count * chunk / chunks)..<(count * (chunk + 1) / chunks) {
                    slots[index] = transform(self[index])
                }
            }
        }
        return results.map { $0! }
    }
}
