/// The files of a cloud-init NoCloud seed (`user-data`, `meta-data`, optional `network-config`)
/// and the ISO 9660 image labelled `cidata` that carries them, which cloud-init finds by label
/// on first boot.
public struct CloudInitSeed: Sendable, Hashable {
    /// What goes into `user-data`.
    public enum UserData: Sendable, Hashable {
        /// A cloud-config mapping, written as `#cloud-config` followed by YAML.
        case cloudConfig(SeedValue)
        /// Any user data cloud-init understands (a script with a shebang, a MIME multipart
        /// document, a `#cloud-config` text, …), written unchanged.
        case text(String)
    }

    /// The volume label cloud-init's NoCloud data source looks for.
    public static let volumeLabel = "cidata"

    public var userData: UserData?
    /// A mapping; cloud-init reads `instance-id` (a change makes it run first-boot modules
    /// again) and `local-hostname`.
    public var metaData: SeedValue
    /// Network configuration (version 1 or 2), written only when given.
    public var networkConfig: SeedValue?

    public init(userData: UserData?, metaData: SeedValue, networkConfig: SeedValue? = nil) {
        self.userData = userData
        self.metaData = metaData
        self.networkConfig = networkConfig
    }

    /// The meta-data mapping cloud-init reads: the instance id and, when given, the hostname.
    public static func metaData(instanceID: String, localHostname: String? = nil) -> SeedValue {
        var entries = [SeedValue.Entry(key: "instance-id", value: .string(instanceID))]
        if let localHostname {
            entries.append(SeedValue.Entry(key: "local-hostname", value: .string(localHostname)))
        }
        return .map(entries)
    }

    /// The seed's files. `user-data` is always there because NoCloud requires the file; without
    /// user data it is `#cloud-config` with an empty mapping: a valid cloud-config that asks for
    /// nothing, where an empty body would read as null rather than the mapping cloud-config is.
    public func files() -> [ISO9660Image.File] {
        var files = [
            file("user-data", userDataText),
            file("meta-data", SeedYAML.emit(metaData)),
        ]
        if let networkConfig {
            files.append(file("network-config", SeedYAML.emit(networkConfig)))
        }
        return files
    }

    /// The seed disk: an ISO 9660 image labelled `cidata` holding `files()`.
    public func image(recordedAt: ISO9660Image.Timestamp = .fixed) throws(ISO9660Error) -> ISO9660Image {
        try ISO9660Image(volumeLabel: Self.volumeLabel, files: files(), recordedAt: recordedAt)
    }

    private var userDataText: String {
        switch userData {
        case .cloudConfig(let value): "#cloud-config\n" + SeedYAML.emit(value)
        case .text(let text): text
        case nil: "#cloud-config\n{}\n"
        }
    }

    private func file(_ path: String, _ text: String) -> ISO9660Image.File {
        ISO9660Image.File(path: path, contents: Array(text.utf8))
    }
}
