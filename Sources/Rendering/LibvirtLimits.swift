/// The largest sizes and counts libvirt accepts. A value beyond one is a diagnostic at the
/// value, not libvirt's "numerical overflow" at the whole document, and no arithmetic of
/// bluevirt's (memory_maxsize is twice memory_size) overflows on it.
enum LibvirtLimits {
    /// The largest value of a parameter, and what it is in words for the diagnostic.
    struct Largest {
        let value: Int
        let description: String
    }

    /// libvirt counts memory in bytes in a signed 64-bit number (virMemoryMaxValue): in KiB,
    /// at most (2^63 - 1) / 1024.
    static let memoryKiB = Largest(value: Int(Int64.max / 1024), description: "8 EiB, the most memory libvirt accepts")
    /// A volume's capacity and allocation, in MiB, are bytes in a signed 64-bit number too.
    static let volumeMiB = Largest(value: Int(Int64.max >> 20), description: "8 EiB, the largest volume libvirt accepts")
    /// libvirt's schema takes the vCPU count as an unsignedShort.
    static let vcpus = Largest(value: Int(UInt16.max), description: "the most vCPUs libvirt's schema accepts")
}
