import CLibvirt

/// A failure reported by libvirt, with libvirt's own error code, the subsystem that raised it,
/// and its message, plus the C function that failed so the caller can say what was attempted.
public struct LibvirtError: Error, Sendable, Equatable, CustomStringConvertible {
    /// libvirt's error number (`virErrorNumber`), e.g. ``Code/noDomain`` or ``Code/xmlInvalidSchema``.
    public var code: Code
    /// The libvirt subsystem that raised the error (`virErrorDomain`), e.g. ``Domain/domainConfig``.
    public var domain: Domain
    /// libvirt's message, e.g. "Element domain has extra content: bogus".
    public var message: String
    /// The libvirt C function that failed, e.g. "virDomainDefineXMLFlags".
    public var operation: String

    public init(code: Code, domain: Domain, message: String, operation: String) {
        self.code = code
        self.domain = domain
        self.message = message
        self.operation = operation
    }

    public var description: String {
        "\(operation) failed: \(message) (libvirt error \(code.rawValue), domain \(domain.rawValue))"
    }

    /// libvirt's error number. The named constants are the ones bluevirt reacts to; any other
    /// number libvirt reports is kept as is.
    public struct Code: RawRepresentable, Hashable, Sendable {
        public var rawValue: Int32
        public init(rawValue: Int32) { self.rawValue = rawValue }
        init(_ number: virErrorNumber) { self.rawValue = Int32(bitPattern: number.rawValue) }

        /// libvirt failed without setting an error; bluevirt reports it as internal.
        public static let internalError = Code(VIR_ERR_INTERNAL_ERROR)
        /// The driver does not implement this function (e.g. DHCP leases on the test driver).
        public static let noSupport = Code(VIR_ERR_NO_SUPPORT)
        /// The connection could not be opened.
        public static let noConnect = Code(VIR_ERR_NO_CONNECT)
        /// An argument (often unsupported flags) was rejected.
        public static let invalidArgument = Code(VIR_ERR_INVALID_ARG)
        public static let operationFailed = Code(VIR_ERR_OPERATION_FAILED)
        /// A value or structure in the XML is wrong.
        public static let xmlError = Code(VIR_ERR_XML_ERROR)
        /// The XML could not be parsed (not well formed), with libxml2's detail.
        public static let xmlDetail = Code(VIR_ERR_XML_DETAIL)
        /// The XML does not match libvirt's RelaxNG schema (define with the VALIDATE flag).
        public static let xmlInvalidSchema = Code(VIR_ERR_XML_INVALID_SCHEMA)
        public static let noDomain = Code(VIR_ERR_NO_DOMAIN)
        public static let noNetwork = Code(VIR_ERR_NO_NETWORK)
        public static let noStoragePool = Code(VIR_ERR_NO_STORAGE_POOL)
        public static let noStorageVolume = Code(VIR_ERR_NO_STORAGE_VOL)
        /// The object is in the wrong state for the operation (e.g. destroying a stopped domain).
        public static let operationInvalid = Code(VIR_ERR_OPERATION_INVALID)
        /// The domain has no metadata under the asked namespace.
        public static let noDomainMetadata = Code(VIR_ERR_NO_DOMAIN_METADATA)
        public static let configUnsupported = Code(VIR_ERR_CONFIG_UNSUPPORTED)
        public static let argumentUnsupported = Code(VIR_ERR_ARGUMENT_UNSUPPORTED)
        public static let operationUnsupported = Code(VIR_ERR_OPERATION_UNSUPPORTED)
        public static let storageVolumeExists = Code(VIR_ERR_STORAGE_VOL_EXIST)
        public static let operationTimeout = Code(VIR_ERR_OPERATION_TIMEOUT)
        public static let agentUnresponsive = Code(VIR_ERR_AGENT_UNRESPONSIVE)
        /// A system call failed: for remote connections, the transport (refused, reset, end of file).
        public static let systemError = Code(VIR_ERR_SYSTEM_ERROR)
        /// The remote protocol failed.
        public static let rpc = Code(VIR_ERR_RPC)
        /// bluevirt's own: a host did not answer in time.
        public static let hostUnreachable = Code(rawValue: -1)
        public static let authFailed = Code(VIR_ERR_AUTH_FAILED)
    }

    /// The libvirt subsystem that raised an error (`virErrorDomain`).
    public struct Domain: RawRepresentable, Hashable, Sendable {
        public var rawValue: Int32
        public init(rawValue: Int32) { self.rawValue = rawValue }
        init(_ domain: virErrorDomain) { self.rawValue = Int32(bitPattern: domain.rawValue) }

        public static let none = Domain(VIR_FROM_NONE)
        /// An operation on a domain (VIR_FROM_DOM).
        public static let domainOperation = Domain(VIR_FROM_DOM)
        public static let test = Domain(VIR_FROM_TEST)
        public static let qemu = Domain(VIR_FROM_QEMU)
        public static let xml = Domain(VIR_FROM_XML)
        public static let network = Domain(VIR_FROM_NETWORK)
        public static let storage = Domain(VIR_FROM_STORAGE)
        /// A domain's configuration (VIR_FROM_DOMAIN), e.g. a rejected domain XML.
        public static let domainConfig = Domain(VIR_FROM_DOMAIN)
        public static let remote = Domain(VIR_FROM_REMOTE)
        /// libvirt's RPC layer: sockets, keepalive, ssh and TLS transports.
        public static let rpc = Domain(VIR_FROM_RPC)
    }

    /// Whether the error says the host (its daemon, or the way to it) is gone rather than that
    /// the operation was refused: the transport broke, keepalive gave up, or the connection
    /// could not be opened.
    public var isConnectionLost: Bool {
        if code == .noConnect || code == .hostUnreachable { return true }
        return [.rpc, .remote].contains(domain) && [.systemError, .internalError, .rpc].contains(code)
    }

    /// The error libvirt recorded for the calling thread, for the call `operation` that just
    /// failed. Must run on the thread that made the failing call: libvirt keeps its last error
    /// in thread-local storage.
    static func last(after operation: String) -> LibvirtError {
        var raw = virError()
        defer { virResetError(&raw) }
        // virCopyLastError returns the code, or 0 when libvirt set no error.
        guard virCopyLastError(&raw) > 0 else {
            return LibvirtError(
                code: .internalError, domain: .none,
                message: "\(operation) failed and libvirt reported no reason", operation: operation)
        }
        virResetLastError()
        let message = raw.message.map { String(cString: $0) } ?? "no message from libvirt"
        return LibvirtError(
            code: Code(rawValue: raw.code), domain: Domain(rawValue: raw.domain),
            message: message, operation: operation)
    }
}
