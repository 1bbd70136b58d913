import Foundation
import Testing
@testable import StateStore

@Suite("Secret store")
struct SecretStoreTests {
    @Test func aSetSecretReadsBackIsReplacedAndIsSeenByAnotherStore() throws {
        let fixture = try StoreFixture()
        let secrets = fixture.store.secrets
        #expect(try secrets.value(named: "db_password") == nil)
        #expect(try secrets.set("db_password", to: "first\nsecond line") == false)
        #expect(try secrets.value(named: "db_password") == "first\nsecond line")
        #expect(try secrets.set("db_password", to: "replaced") == true)
        let reopened = try StateStore(location: fixture.store.location)
        #expect(try reopened.secrets.value(named: "db_password") == "replaced")
        #expect(try reopened.secrets.values() == ["db_password": "replaced"])
    }

    @Test func namesAreListedSortedWithoutTheirValues() throws {
        let secrets = try StoreFixture().store.secrets
        try secrets.set("zeta", to: "z-value")
        try secrets.set("alpha.key", to: "a-value")
        try secrets.set("mid_dle-1", to: "m-value")
        #expect(try secrets.names() == ["alpha.key", "mid_dle-1", "zeta"])
    }

    @Test func deletingSaysWhetherThereWasOne() throws {
        let secrets = try StoreFixture().store.secrets
        try secrets.set("a", to: "1")
        try secrets.set("b", to: "2")
        #expect(try secrets.delete("a") == true)
        #expect(try secrets.delete("a") == false)
        #expect(try secrets.names() == ["b"])
    }

    @Test(arguments: ["", "has space", "semi;colon", "new\nline", "ünicode", String(repeating: "x", count: 256)])
    func anUnusableNameIsRefused(name: String) throws {
        let secrets = try StoreFixture().store.secrets
        #expect(throws: StateStoreError.self) { try secrets.set(name, to: "v") }
        #expect(SecretStore.nameProblem(name) != nil)
        #expect(try secrets.names().isEmpty)
    }

    /// The characters a name may hold are those of Foundation's CharacterSet.alphanumerics that
    /// are ASCII, and `_-.`, as when the check used CharacterSet.
    @Test func aNameMayHoldASCIILettersDigitsAndThreeMarks() {
        let scalars = (0..<0x3000).compactMap(Unicode.Scalar.init) + ["\u{1D7CE}", "\u{FF10}", "\u{0660}"]
        for scalar in scalars {
            let allowed = scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || "_-.".unicodeScalars.contains(scalar))
            #expect((SecretStore.nameProblem("a\(scalar)") == nil) == allowed, "U+\(String(scalar.value, radix: 16))")
        }
    }

    @Test func readingWithoutAStateCreatesNothing() throws {
        let directory = try TemporaryDirectory()
        let location = StateLocation(directory: directory.url.appendingPathComponent("absent"), source: .option)
        #expect(try SecretStore.values(at: location).isEmpty)
        #expect(!FileManager.default.fileExists(atPath: location.directory.path))
    }

    @Test func readingAnExistingStateFindsItsSecrets() throws {
        let fixture = try StoreFixture()
        try fixture.store.secrets.set("token", to: "t-123")
        #expect(try SecretStore.values(at: fixture.store.location) == ["token": "t-123"])
    }

    @Test func theDatabaseFilesStayPrivateAfterASecretIsSet() throws {
        let fixture = try StoreFixture()
        try fixture.store.secrets.set("token", to: "t-123")
        let path = fixture.store.location.databaseURL.path
        for file in [path, path + "-wal", path + "-shm"] {
            let attributes = try FileManager.default.attributesOfItem(atPath: file)
            #expect((attributes[.posixPermissions] as? Int).map { $0 & 0o777 } == 0o600, "\(file)")
        }
    }
}
