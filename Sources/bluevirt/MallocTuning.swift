/// How the C allocator is set up for bluevirt's memory use: a big blueprint is read into a tree,
/// turned into templates, checked and rendered, each stage freeing large arrays the last made.
enum MallocTuning {
    /// Allocations from this size up get pages of their own, returned to the system when freed.
    /// glibc starts at the same size but raises it each time such a block is freed, after which
    /// the big arrays come from the heap and leave holes there that stay resident: at 50,000 node
    /// templates validate's peak RSS was 19 MiB higher (docs/performance.md, eighth round).
    static let ownPagesFrom: Int32 = 128 * 1024

    /// How much more than asked for the heap grows by, and keeps when its top is freed. glibc's
    /// 128 KiB gave memory back and faulted it in again as each stage freed and allocated: at
    /// 10,000 node templates validate made 40% more page faults and took 3 to 6% longer
    /// (docs/performance.md, nineteenth round). The pad is address space; pages count only
    /// once touched.
    static let heapPad: Int32 = 32 * 1024 * 1024

    static func apply() {
        #if os(Linux)
        // Setting the threshold also turns glibc's raising of it off.
        _ = mallopt(mmapThreshold, ownPagesFrom)
        _ = mallopt(topPad, heapPad)
        #endif
    }
}

#if os(Linux)
// glibc's <malloc.h>, which the Glibc module does not import.
@_silgen_name("mallopt")
private func mallopt(_ parameter: Int32, _ value: Int32) -> Int32
/// M_MMAP_THRESHOLD
private let mmapThreshold: Int32 = -3
/// M_TOP_PAD
private let topPad: Int32 = -2
#endif
