import Platform

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

    /// From this size of blueprint file up, its heap is backed by huge pages. Below it the
    /// heap is a few 2 MiB pages at most, which the kernel zeroes whole for data that fills
    /// them partly: at 1,000 node templates (0.56 MB) validate took 4% more CPU with them, at
    /// 3,000 (1.7 MB) as much, at 5,000 (2.8 MB) 12% less (docs/performance.md, twenty-sixth round).
    static let hugePagesFromBlueprintBytes = 2 * 1024 * 1024

    /// How much heap to advise per byte of blueprint: a little more than reading and checking
    /// one takes (68 MB of peak memory for the 5.6 MB of 10,000 node templates), since the
    /// heap grown past the advised range gets small pages again, and advised address space
    /// costs nothing until it is used.
    static let heapBytesPerBlueprintByte = 16

    /// Backs the heap that reading and checking a big blueprint needs with transparent huge
    /// pages: a 2 MiB page costs one page fault and one TLB entry where 4 KiB pages cost 512,
    /// and a big blueprint's tree and templates are tens of megabytes walked stage after stage.
    /// glibc does this only when told by an environment variable (`glibc.malloc.hugetlb=1`),
    /// so the heap is grown here to the size expected, once, and that range advised. Nothing
    /// happens for a smaller file, one that cannot be read, or where the kernel's huge pages
    /// are off (the advice is then ignored).
    static func useHugePages(forBlueprintAt path: String) {
        #if os(Linux)
        guard !heapAdvised else { return }
        var status = stat()
        guard stat(path, &status) == 0, Int(status.st_size) >= hugePagesFromBlueprintBytes else { return }
        heapAdvised = true
        let expected = Int(status.st_size) * heapBytesPerBlueprintByte
        // The heap grows by what an allocation lacks plus the pad: with the pad this large, the
        // next growth makes the whole range at once. The pad is then set back, so that memory
        // freed at the heap's top is given back as before (kept, it held up to 20 MB more at
        // 50,000 node templates, past the memory target); a part given back and grown again
        // is new memory, with small pages (10,000 node templates: 3,000 to 5,500 page faults
        // with the pad set back, 1,100 without, 14,800 without huge pages).
        var blocks: [UnsafeMutableRawPointer] = []
        blocks.reserveCapacity(maximumGrowthBlocks)
        guard let start = sbrk(0) else { return }
        _ = mallopt(topPad, Int32(clamping: expected))
        // Blocks under the mmap threshold come from the heap's unused top, lowest first, so the
        // first block marks where the memory not yet handed out begins; the first block that
        // does not fit grows the heap (the earlier pad left at most 32 MiB: 512 blocks).
        // Only the main thread's heap lies below the break; another thread's blocks come from an
        // arena of its own, which this leaves as it is.
        while sbrk(0) == start, blocks.count < maximumGrowthBlocks, let block = malloc(growthBlockBytes) {
            blocks.append(block)
            if block >= start { break }
        }
        let end = sbrk(0)
        blocks.forEach { free($0) }
        _ = mallopt(topPad, heapPad)
        guard let unused = blocks.first, unused < start, let end else { return }
        let hugePage = 2 * 1024 * 1024
        let first = (Int(bitPattern: unused) + hugePage - 1) & ~(hugePage - 1)
        let last = Int(bitPattern: end) & ~(hugePage - 1)
        guard last > first else { return }
        _ = madvise(UnsafeMutableRawPointer(bitPattern: first), last - first, MADV_HUGEPAGE)
        #endif
    }

    /// Once per process: `run` loads its blueprint twice.
    nonisolated(unsafe) private static var heapAdvised = false
    private static let growthBlockBytes = 64 * 1024
    private static let maximumGrowthBlocks = 1024
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
