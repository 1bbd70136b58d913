import Foundation
import GRDB
import Testing
@testable import StateStore

@Suite("Secrets")
struct SecretTests {
    private let deployment = StoreFixture.deployment

    @Test func aSavedSecretReadsBackAndIsReplacedBySavingAgain() throws {
        let fixture = try StoreFixture.withDeployment()
        let store = fixture.store
        #expect(try store.secret(deployment: deployment, instance: "key-1", name: "ssh_private_key") == nil)
        try store.saveSecret(deployment: deployment, instance: "key-1", name: "ssh_private_key", value: "first\nline two\n")
        #expect(try store.secret(deployment: deployment, instance: "key-1", name: "ssh_private_key") == "first\nline two\n")
        try store.saveSecret(deployment: deployment, instance: "key-1", name: "ssh_private_key", value: "second")
        #expect(try store.secret(deployment: deployment, instance: "key-1", name: "ssh_private_key") == "second")
        // Another instance or name is another secret; another process sees the committed value.
        #expect(try store.secret(deployment: deployment, instance: "key-2", name: "ssh_private_key") == nil)
        #expect(try store.secret(deployment: deployment, instance: "key-1", name: "other") == nil)
        let reopened = try StateStore(location: store.location)
        #expect(try reopened.secret(deployment: deployment, instance: "key-1", name: "ssh_private_key") == "second")
    }

    @Test func deletingRemovesOnlyThatSecretAndDeletingTwiceIsFine() throws {
        let store = try StoreFixture.withDeployment().store
        try store.saveSecret(deployment: deployment, instance: "key-1", name: "a", value: "1")
        try store.saveSecret(deployment: deployment, instance: "key-1", name: "b", value: "2")
        try store.deleteSecret(deployment: deployment, instance: "key-1", name: "a")
        try store.deleteSecret(deployment: deployment, instance: "key-1", name: "a")
        #expect(try store.secret(deployment: deployment, instance: "key-1", name: "a") == nil)
        #expect(try store.secret(deployment: deployment, instance: "key-1", name: "b") == "2")
    }

    @Test func aSecretOfAnUnknownDeploymentIsRefused() throws {
        let store = try StoreFixture.withDeployment().store
        #expect(throws: StateStoreError.unknownDeployment(name: "nope")) {
            try store.saveSecret(deployment: "nope", instance: "key-1", name: "a", value: "1")
        }
    }

    @Test func deletingTheDeploymentDeletesItsSecrets() throws {
        let fixture = try StoreFixture.withDeployment()
        let store = fixture.store
        try store.saveDeployment(name: "other", blueprintPath: "/b.yaml", blueprintDigest: "d", inputsDigest: "i")
        try store.saveSecret(deployment: deployment, instance: "key-1", name: "a", value: "1")
        try store.saveSecret(deployment: "other", instance: "key-1", name: "a", value: "kept")
        try store.deleteDeployment(named: deployment)
        let rows = try DatabaseQueue(path: store.location.databaseURL.path).read { db in
            try Row.fetchAll(db, sql: "SELECT deployment, value FROM secret")
        }
        #expect(rows.map { $0["deployment"] as String } == ["other"])
        #expect(try store.secret(deployment: "other", instance: "key-1", name: "a") == "kept")
    }

    @Test func theDatabaseAndItsWALFilesAreNotReadableByOthers() throws {
        let fixture = try StoreFixture.withDeployment()
        let store = fixture.store
        try store.saveSecret(deployment: deployment, instance: "key-1", name: "a", value: "1")
        let path = store.location.databaseURL.path
        for file in [path, path + "-wal", path + "-shm"] {
            let attributes = try FileManager.default.attributesOfItem(atPath: file)
            #expect((attributes[.posixPermissions] as? Int).map { $0 & 0o777 } == 0o600, "\(file)")
        }
        let directory = try FileManager.default.attributesOfItem(atPath: store.location.directory.path)
        #expect((directory[.posixPermissions] as? Int).map { $0 & 0o777 } == 0o700)
    }

    @Test func aStateInAnOpenDirectoryStillGetsPrivateFiles() throws {
        let directory = try TemporaryDirectory()
        let open = directory.url.appendingPathComponent("shared")
        try FileManager.default.createDirectory(at: open, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        let store = try StateStore(location: StateLocation(directory: open, source: .option))
        try store.saveDeployment(name: deployment, blueprintPath: "/b.yaml", blueprintDigest: "d", inputsDigest: "i")
        try store.saveSecret(deployment: deployment, instance: "key-1", name: "a", value: "1")
        let path = store.location.databaseURL.path
        for file in [path, path + "-wal", path + "-shm"] {
            let attributes = try FileManager.default.attributesOfItem(atPath: file)
            #expect((attributes[.posixPermissions] as? Int).map { $0 & 0o777 } == 0o600, "\(file)")
        }
    }
}
