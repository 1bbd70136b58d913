import CLibvirt
import Foundation
import Testing
@testable import LibvirtBackend

/// Volume info, path lookup, upload and wipe: the test driver's answers, then the real storage
/// driver (a dir pool in a temporary directory).
@Suite struct VolumeOperationsOnTheTestDriverTests {
    @Test func infoPathLookupAndOwningPoolOfATestDriverVolume() async throws {
        let connection = try await LibvirtConnection.open(TestWorld.defaultURI)
        let pool = try await connection.defineStoragePool(xml: TestWorld.poolXML(name: TestWorld.uniqueName("ipool")))
        try await pool.start()
        let volume = try await pool.createVolume(xml: TestWorld.volumeXML(name: "\(TestWorld.uniqueName("info")).qcow2"))

        let info = try await volume.info()
        #expect(info.kind == .file)
        #expect(info.capacity == 32 * 1024 * 1024)
        let path = try await volume.path()
        #expect(try await connection.volume(atPath: path).name == volume.name)
        #expect(try await volume.pool().name == pool.name)

        let error = await #expect(throws: LibvirtError.self) {
            _ = try await connection.volume(atPath: "/nonexistent/\(pool.name)/missing.qcow2")
        }
        #expect(error?.code == .noStorageVolume)
        try await volume.delete()
        try await pool.destroy()
        try await pool.undefine()
    }

    /// libvirt's test driver has no virStorageVolUpload: the failure names the source and the
    /// progress, and the stream is released without a transfer.
    @Test func theTestDriverRefusesUploadsAndTheErrorSaysWhatWasUploaded() async throws {
        let connection = try await LibvirtConnection.open(TestWorld.defaultURI)
        let pool = try await connection.storagePool(named: "default-pool")
        let volume = try await pool.createVolume(xml: TestWorld.volumeXML(name: "\(TestWorld.uniqueName("up")).qcow2"))

        let error = await #expect(throws: VolumeUploadError.self) {
            try await volume.upload(bytes: [1, 2, 3])
        }
        guard case .libvirt(let cause) = error?.reason else {
            Issue.record("expected a libvirt error, got \(String(describing: error))")
            return
        }
        #expect(cause.code == .noSupport)
        #expect(cause.operation == "virStorageVolUpload")
        #expect(error?.sentBytes == 0)
        #expect(error?.totalBytes == 3)
        #expect(error?.description.hasPrefix("uploading 3 bytes from memory into volume '\(volume.name)' stopped after 0 of 3 bytes: virStorageVolUpload failed") == true)
        try await volume.delete()
    }

    /// Streams hold a reference on their connection, like every handle: an extra reference
    /// taken first must be the last one once all streams (finished, aborted, or released while
    /// still open) and failed uploads are gone, so each stream was freed exactly once.
    @Test func streamsAreFreedExactlyOnceWhateverStateTheyEndIn() async throws {
        let raw: OpaquePointer
        do {
            let connection = try await LibvirtConnection.open(TestWorld.defaultURI)
            raw = connection.pointer
            #expect(virConnectRef(raw) == 0)
            for index in 0..<300 {
                let stream = try await LibvirtStream.new(on: connection)
                if index % 3 == 1 { try await stream.abort() }
                if index % 3 == 2 { try? await stream.finish() }
            }
            let pool = try await connection.storagePool(named: "default-pool")
            let volume = try await pool.createVolume(xml: TestWorld.volumeXML(name: "\(TestWorld.uniqueName("freed")).qcow2"))
            for _ in 0..<50 { _ = try? await volume.upload(bytes: [0, 1, 2]) }
            try await volume.delete()
        }
        await LibvirtWorker.waitForPendingCalls()
        #expect(virConnectClose(raw) == 0)
    }

    @Test func aMissingFileIsReportedBeforeAnythingIsSent() async throws {
        let connection = try await LibvirtConnection.open(TestWorld.defaultURI)
        let pool = try await connection.storagePool(named: "default-pool")
        let volume = try await pool.createVolume(xml: TestWorld.volumeXML(name: "\(TestWorld.uniqueName("nofile")).qcow2"))
        let missing = URL(fileURLWithPath: "/nonexistent/bluevirt/image.qcow2")

        let error = await #expect(throws: VolumeUploadError.self) { try await volume.upload(from: missing) }
        #expect(error?.reason == .unreadable("No such file or directory"))
        #expect(error?.description == "uploading /nonexistent/bluevirt/image.qcow2 into volume '\(volume.name)' stopped after 0 of 0 bytes: cannot read /nonexistent/bluevirt/image.qcow2: No such file or directory")
        try await volume.delete()
    }
}

@Suite(.enabled(if: RealStoragePool.isAvailable, RealStoragePool.requirement), .serialized)
struct VolumeOperationsOnRealLibvirtTests {
    @Test func aFileUploadedIntoARawVolumeReadsBackIdenticalThenWipesToZeroes() async throws {
        try await RealStoragePool.with { pool, directory in
            // Not a multiple of the chunk size, so the last chunk is a short one.
            let content = RealStoragePool.patternedBytes(count: 5 * LibvirtStorageVolume.uploadChunkSize / 2 + 123)
            let source = directory.deletingLastPathComponent().appendingPathComponent("\(pool.name)-source.img")
            try Data(content).write(to: source)
            defer { try? FileManager.default.removeItem(at: source) }

            let volume = try await pool.createVolume(
                xml: RealStoragePool.volumeXML(name: "disk.img", bytes: UInt64(content.count), format: "raw"), validate: true)
            let progress = ProgressLog()
            try await volume.upload(from: source, progress: progress.record)

            let path = try await volume.path()
            #expect(path == directory.appendingPathComponent("disk.img").path)
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(content))
            let total = UInt64(content.count)
            #expect(progress.recorded.map(\.sent) == [0, 262_144, 524_288, 655_483])
            #expect(progress.recorded.allSatisfy { $0.total == total })
            #expect(try await volume.info().capacity == total)
            #expect(try await pool.connection.volume(atPath: path).name == "disk.img")

            // libvirt's ZERO wipe writes whole 4 KiB blocks, so a file whose size is not a
            // multiple of 4 KiB grows to the next one.
            try await volume.wipe()
            let wiped = try Data(contentsOf: URL(fileURLWithPath: path))
            #expect(wiped.count == (content.count + 4095) / 4096 * 4096)
            #expect(wiped.allSatisfy { $0 == 0 })
            try await volume.delete()
            #expect(!FileManager.default.fileExists(atPath: path))
        }
    }

    @Test func bytesUploadedIntoALargerVolumeFillItsStart() async throws {
        try await RealStoragePool.with { pool, _ in
            let volume = try await pool.createVolume(
                xml: RealStoragePool.volumeXML(name: "seed.iso", bytes: 1024 * 1024, format: "raw"))
            let content = RealStoragePool.patternedBytes(count: 70_000)
            try await volume.upload(bytes: content, chunkSize: 16 * 1024)
            let data = try Data(contentsOf: URL(fileURLWithPath: try await volume.path()))
            #expect(data.count == 1024 * 1024)
            #expect(data.prefix(content.count) == Data(content))
        }
    }

    /// The source shrinks after the first chunk: the upload stops with the file and the bytes
    /// sent, the stream is aborted, and the volume can be deleted afterwards.
    @Test func aFailureMidUploadAbortsTheStreamAndSaysHowFarItGot() async throws {
        try await RealStoragePool.with { pool, directory in
            let chunk = LibvirtStorageVolume.uploadChunkSize
            let volume = try await pool.createVolume(
                xml: RealStoragePool.volumeXML(name: "shrinking.img", bytes: UInt64(4 * chunk), format: "raw"))
            let source = directory.deletingLastPathComponent().appendingPathComponent("\(pool.name)-shrinking.img")
            try Data(RealStoragePool.patternedBytes(count: 4 * chunk)).write(to: source)
            defer { try? FileManager.default.removeItem(at: source) }

            let error = await #expect(throws: VolumeUploadError.self) {
                try await volume.upload(from: source) { sent, _ in
                    if sent == UInt64(chunk) { truncate(source.path, 100) }
                }
            }
            #expect(error?.source == source.path)
            #expect(error?.sentBytes == UInt64(chunk))
            #expect(error?.totalBytes == UInt64(4 * chunk))
            #expect(error?.reason == .unreadable(
                "the file ended at byte \(chunk) although it had \(4 * chunk) bytes when the upload began; was it changed during the upload?"))
            try await volume.delete()
        }
    }

    @Test func anUploadIntoADeletedVolumeFailsAndNamesTheFile() async throws {
        try await RealStoragePool.with { pool, directory in
            let volume = try await pool.createVolume(
                xml: RealStoragePool.volumeXML(name: "gone.img", bytes: 8192, format: "raw"))
            try await volume.delete()
            let source = directory.deletingLastPathComponent().appendingPathComponent("\(pool.name)-gone.img")
            try Data(RealStoragePool.patternedBytes(count: 8192)).write(to: source)
            defer { try? FileManager.default.removeItem(at: source) }

            let error = await #expect(throws: VolumeUploadError.self) { try await volume.upload(from: source) }
            guard case .libvirt(let cause) = error?.reason else {
                Issue.record("expected a libvirt error, got \(String(describing: error))")
                return
            }
            #expect(cause.code == .noStorageVolume)
            #expect(cause.operation == "virStorageVolUpload")
            #expect(error?.description.hasPrefix("uploading \(source.path) into volume 'gone.img' stopped after 0 of 8192 bytes: virStorageVolUpload failed") == true)
        }
    }

    /// A copy-on-write clone: a qcow2 volume whose backing store is a raw base volume, larger
    /// than the base. Deleting the clone leaves the base. qemu-img reads the clone independently.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: QemuImageInfo.executable),
                   "needs qemu-img (Debian qemu-utils, installed with the QEMU driver) to read the clone's header"))
    func aQcow2CloneIsBackedByTheRawBaseVolume() async throws {
        try await RealStoragePool.with { pool, _ in
            let base = try await pool.createVolume(
                xml: RealStoragePool.volumeXML(name: "base.raw", bytes: 1024 * 1024, format: "raw"))
            try await base.upload(bytes: RealStoragePool.patternedBytes(count: 1024 * 1024))
            let basePath = try await base.path()

            let clone = try await pool.createVolume(xml: """
                <volume>
                  <name>clone.qcow2</name>
                  <capacity unit='MiB'>8</capacity>
                  <target><format type='qcow2'/></target>
                  <backingStore><path>\(basePath)</path><format type='raw'/></backingStore>
                </volume>
                """, validate: true)
            #expect(try await clone.info().capacity == 8 * 1024 * 1024)
            let cloneXML = try await clone.xmlDescription()
            #expect(cloneXML.contains("<backingStore>"))
            #expect(cloneXML.contains("<path>\(basePath)</path>"))

            let image = try QemuImageInfo.read(path: try await clone.path())
            #expect(image.format == "qcow2")
            #expect(image.backingFile == basePath)
            #expect(image.virtualSize == 8 * 1024 * 1024)

            try await clone.delete()
            try await pool.refresh()
            #expect(try await pool.allVolumes().map(\.name) == ["base.raw"])
            #expect(FileManager.default.fileExists(atPath: basePath))
        }
    }

    @Test func aRefreshedPoolSeesAFilePutIntoItsDirectory() async throws {
        try await RealStoragePool.with { pool, directory in
            try Data(count: 4096).write(to: directory.appendingPathComponent("dropped.img"))
            try await pool.refresh()
            let volume = try await pool.volume(named: "dropped.img")
            #expect(try await volume.info().capacity == 4096)
        }
    }
}

/// `qemu-img info --output=json` of an image: an independent reading of what libvirt made.
struct QemuImageInfo {
    var format: String
    var backingFile: String?
    var virtualSize: Int
    static let executable = "/usr/bin/qemu-img"

    static func read(path: String) throws -> QemuImageInfo {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        // -U: the image may be open elsewhere; reading its header needs no lock.
        process.arguments = ["info", "-U", "--output=json", path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0,
              let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw QemuImageInfoFailure(path: path, status: process.terminationStatus)
        }
        return QemuImageInfo(
            format: object["format"] as? String ?? "",
            backingFile: object["backing-filename"] as? String,
            virtualSize: object["virtual-size"] as? Int ?? -1)
    }
}

struct QemuImageInfoFailure: Error, CustomStringConvertible {
    let path: String
    let status: Int32
    var description: String { "qemu-img info \(path) failed with status \(status)" }
}
