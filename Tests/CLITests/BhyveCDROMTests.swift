import Foundation
import Testing
import TestSupport

/// libvirt's bhyve driver attaches a cdrom only on SATA (bhyve's ahci-cd) and refuses a virtio
/// one: a bhyve cdrom is on sata unless told otherwise, and another bus is refused at validate.
@Suite struct BhyveCDROMTests {
    @Test func aBhyveCDROMIsOnSATA() throws {
        let path = try ConnectionDriverCommandTests.blueprint(
            "{libvirt_auth: 'bhyve:///', params: {disks: [{file: /vm/disk.img}, {device: cdrom, file: /vm/x.iso}]}}")
        let result = try BluevirtProcess.run(["dry-run", path])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains(#"<target dev="vda" bus="virtio"/>"#), "\(result.standardOutput)")
        #expect(result.standardOutput.contains(#"<target dev="sda" bus="sata"/>"#), "\(result.standardOutput)")
        #expect(!result.standardOutput.contains(#"<target dev="vdb""#))
    }

    @Test func aVirtioCDROMOnBhyveIsRefused() throws {
        let path = try ConnectionDriverCommandTests.blueprint(
            "{libvirt_auth: 'bhyve:///', params: {disks: [{device: cdrom, file: /vm/x.iso, bus: virtio}]}}")
        let result = try BluevirtProcess.run(["validate", path])
        #expect(result.status == 1)
        #expect(result.standardError.contains("unknown cdrom bus for the bhyve driver 'virtio' in 'disks[0].bus' [BV0604]"), "\(result.standardError)")
    }
}
