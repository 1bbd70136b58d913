import CLibvirt
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns the results of libvirt C calls into Swift values or ``LibvirtError``s.
/// Every function here must run on the thread that made the call (see ``LibvirtWorker``).
enum LibvirtCall {
    /// A status result: libvirt returns -1 on failure.
    static func check(_ result: Int32, _ operation: String) throws(LibvirtError) {
        guard result >= 0 else { throw LibvirtError.last(after: operation) }
    }

    /// A count or boolean result: libvirt returns -1 on failure, else the value.
    static func value(_ result: Int32, _ operation: String) throws(LibvirtError) -> Int32 {
        try check(result, operation)
        return result
    }

    /// A handle result: libvirt returns NULL on failure.
    static func check(_ pointer: OpaquePointer?, _ operation: String) throws(LibvirtError) -> OpaquePointer {
        guard let pointer else { throw LibvirtError.last(after: operation) }
        return pointer
    }

    /// A string the caller owns: copied into Swift, then freed.
    static func takeString(
        _ pointer: UnsafeMutablePointer<CChar>?, _ operation: String
    ) throws(LibvirtError) -> String {
        guard let pointer else { throw LibvirtError.last(after: operation) }
        defer { free(pointer) }
        return String(cString: pointer)
    }

    /// A string libvirt keeps owning (e.g. an object's name): copied, never freed.
    static func borrowString(
        _ pointer: UnsafePointer<CChar>?, _ operation: String
    ) throws(LibvirtError) -> String {
        guard let pointer else { throw LibvirtError.last(after: operation) }
        return String(cString: pointer)
    }

    /// An array of handles that libvirt allocated (virConnectListAll…): each handle is given to
    /// `wrap`, which takes ownership of it; the array itself is freed here.
    static func takeHandles<Wrapped>(
        _ array: UnsafeMutablePointer<OpaquePointer?>?, count: Int32,
        _ wrap: (OpaquePointer) -> Wrapped
    ) -> [Wrapped] {
        guard let array else { return [] }
        defer { free(array) }
        return (0..<Int(count)).compactMap { index in array[index].map(wrap) }
    }

    /// The string form of an object's UUID, read with one of libvirt's GetUUIDString functions.
    static func uuidString(
        _ operation: String, _ read: (UnsafeMutablePointer<CChar>) -> Int32
    ) throws(LibvirtError) -> String {
        // VIR_UUID_STRING_BUFLEN is 37; a larger buffer costs nothing.
        var buffer = [CChar](repeating: 0, count: 64)
        let result = buffer.withUnsafeMutableBufferPointer { read($0.baseAddress!) }
        try check(result, operation)
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
