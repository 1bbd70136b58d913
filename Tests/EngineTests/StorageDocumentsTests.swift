import Engine
import Foundation
import Testing

/// Volumes made from images, copy-on-write clones and seed images as dry-run shows them: their
/// documents (checked by libvirt's own schema), names, pools and the seed files.
@Suite struct StorageDocumentsTests {
    /// A pool, a base volume filled from an image, a clone over it, a seed and a domain
    /// attaching both; `extra` is appended to the node templates.
    private func storageBlueprint(clone: String = "backing_volume: { get_attribute: [ base, resource_id ] }", extra: String = "") -> String {
        pluginBlueprint("""
            node_templates:
              images:
                type: cloudify.libvirt.pool
                properties:
                  params: { path: /srv/pools/demo }
              base:
                type: cloudify.libvirt.volume
                properties:
                  params:
                    pool: { get_attribute: [ images, resource_id ] }
                    format: raw
                    url: http://127.0.0.1:8080/base.img
              disk:
                type: cloudify.libvirt.volume
                properties:
                  params:
                    pool: { get_attribute: [ images, resource_id ] }
                    \(clone)
                relationships:
                  - { type: cloudify.relationships.depends_on, target: base }
              key:
                type: bluevirt.nodes.SSHKey
              seed:
                type: bluevirt.nodes.CloudInitSeed
                properties:
                  params:
                    pool: { get_attribute: [ images, resource_id ] }
                  user_data:
                    users:
                      - name: debian
                        ssh_authorized_keys: [ { get_attribute: [ key, public_key ] } ]
                relationships:
                  - { type: cloudify.relationships.depends_on, target: key }
              vm:
                type: cloudify.libvirt.domain
                properties:
                  params:
                    disks:
                      - { volume: { get_attribute: [ disk, resource_id ] }, pool: { get_attribute: [ images, resource_id ] }, type: qcow2 }
                      - { volume: { get_attribute: [ seed, resource_id ] }, pool: { get_attribute: [ images, resource_id ] }, device: cdrom }
                relationships:
                  - { type: cloudify.relationships.depends_on, target: disk }
                  - { type: cloudify.relationships.depends_on, target: seed }
            \(extra)
            """)
    }

    @Test func aCloneNamesItsBaseByPathAndFormatAndTakesItsSize() throws {
        let run = try #require(dryRun(try temporaryBlueprint(storageBlueprint())))
        #expect(errors(run.diagnostics).isEmpty, "\(describe(run.diagnostics))")
        let clone = try #require(run.documents.objects.first { $0.node == "disk" })
        let xml = try #require(clone.xml)
        #expect(clone.pool == "demo-images-1")
        #expect(xml.contains("<path>/srv/pools/demo/demo-base-1.raw</path>"), "\(xml)")
        #expect(xml.contains("<backingStore>") && xml.contains("<format type=\"raw\"/>\n  </backingStore>"), "\(xml)")
        #expect(!xml.contains("<capacity"), "a clone without capacity takes its base's size: \(xml)")
        #expect(try schemaProblems(of: xml, kind: .volume) == nil)
    }

    @Test func aVolumeFromAnImageNeedsNoCapacity() throws {
        let run = try #require(dryRun(try temporaryBlueprint(storageBlueprint())))
        let base = try #require(run.documents.objects.first { $0.node == "base" })
        let xml = try #require(base.xml)
        #expect(base.name == "demo-base-1.raw")
        #expect(xml.contains("<capacity unit=\"MiB\">0</capacity>") && xml.contains("<format type=\"raw\"/>"), "\(xml)")
        #expect(try schemaProblems(of: xml, kind: .volume) == nil)
    }

    @Test func aVolumeWithoutCapacityImageOrBaseIsAnError() throws {
        let run = try #require(dryRun(try temporaryBlueprint(storageBlueprint(clone: "format: qcow2"))))
        let missing = run.diagnostics.filter { $0.message.contains("needs 'capacity'") }
        #expect(missing.count == 1, "\(describe(run.diagnostics))")
        #expect(missing.first?.notes.contains { $0.message.contains("backing_volume") } == true)
    }

    @Test func backingVolumeAndBackingStoreTogetherAreRefused() throws {
        let run = try #require(dryRun(try temporaryBlueprint(storageBlueprint(
            clone: "backing_volume: base.qcow2\n        backing_store: /srv/base.qcow2"))))
        #expect(run.diagnostics.contains { $0.code == .conflictingBacking })
    }

    @Test func aBaseInAPoolWithoutAKnownPathIsExplained() throws {
        let run = try #require(dryRun(try temporaryBlueprint(storageBlueprint(
            clone: "backing_volume: golden.qcow2\n        backing_pool: shelf"))))
        let diagnostic = try #require(run.diagnostics.first { $0.code == .backingPathUnknown })
        #expect(diagnostic.message.contains("'golden.qcow2'") && diagnostic.message.contains("'shelf'"))
        #expect(diagnostic.notes.first?.message.contains("backing_store: /path/to/golden.qcow2") == true)
    }

    @Test func aSeedIsNamedAfterItsInstanceAndShowsItsFilesWithTheMachinesName() throws {
        let run = try #require(dryRun(try temporaryBlueprint(storageBlueprint())))
        let seed = try #require(run.documents.objects.first { $0.node == "seed" })
        #expect(seed.kind == .iso9660)
        #expect(seed.name == "demo-seed-1.iso")
        #expect(seed.pool == "demo-images-1")
        #expect(seed.attachedTo == "demo-vm-1")
        let preview = try #require(seed.imagePreview)
        #expect(preview.label == "cidata")
        #expect(preview.files.map(\.path) == ["user-data", "meta-data"])
        let userData = preview.files[0].text
        #expect(userData.hasPrefix("#cloud-config\n"), "\(userData)")
        #expect(userData.contains("${get_attribute: [key, public_key]}"), "a value known only at run time shows as its placeholder: \(userData)")
        #expect(preview.files[1].text.contains("instance-id: demo-vm-1") && preview.files[1].text.contains("local-hostname: demo-vm-1"))
        #expect(DryRunText.objects(run).contains("--- meta-data"))
    }

    @Test func givenMetaDataWinsAndThePluginsFilesAreWrittenAsGiven() throws {
        let run = try #require(dryRun(try temporaryBlueprint(storageBlueprint(extra: """
              config:
                type: cloudify.libvirt.ISO9660
                properties:
                  params:
                    pool: demo-images-1
                    volume: config.iso
                    vol_ident: config-2
                    files:
                      openstack/latest/user_data: "#!/bin/sh\\necho hi\\n"
                      meta-data: { local-hostname: box }
            """))))
        let config = try #require(run.documents.objects.first { $0.node == "config" })
        #expect(config.name == "config.iso")
        let preview = try #require(config.imagePreview)
        #expect(preview.label == "config-2")
        #expect(preview.files.first { $0.path == "openstack/latest/user_data" }?.text == "#!/bin/sh\necho hi\n")
        #expect(preview.files.first { $0.path == "meta-data" }?.text == "local-hostname: box\n")
    }

    @Test func anImageWithoutPoolIsAnError() throws {
        let run = try #require(dryRun(try temporaryBlueprint(pluginBlueprint("""
            node_templates:
              seed:
                type: bluevirt.nodes.CloudInitSeed
            """))))
        #expect(run.diagnostics.contains { $0.code == .imageWithoutPool })
    }

    @Test func anImageAddressOrChecksumBluevirtCannotUseIsFoundBeforeAnythingRuns() throws {
        for (params, key, words) in [("url: ftp://mirror.example.org/base.img", "url", "'ftp'"),
                                     ("url: http://127.0.0.1/base.img\n        sha256: not-a-digest", "sha256", "64 hex digits")] {
            let run = try #require(dryRun(try temporaryBlueprint(pluginBlueprint("""
                node_templates:
                  base:
                    type: cloudify.libvirt.volume
                    properties:
                      params:
                        pool: images
                        \(params)
                """))))
            let diagnostic = try #require(run.diagnostics.first { $0.code == .unusableImageSource }, "\(describe(run.diagnostics))")
            #expect(diagnostic.message.contains(words), "\(diagnostic.message)")
            #expect(diagnostic.range.start.line == (key == "url" ? 11 : 12))
        }
    }
}
