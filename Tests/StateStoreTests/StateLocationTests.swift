import Foundation
import Testing
@testable import StateStore

@Suite("State location")
struct StateLocationTests {
    let everything = [
        "BLUEVIRT_STATE_DIR": "/env/state",
        "XDG_STATE_HOME": "/xdg",
        "HOME": "/home/someone",
    ]

    @Test func optionWinsOverEverything() {
        let location = StateLocation.resolve(stateDirOption: "/opt/state", environment: everything)
        #expect(location.directory.path == "/opt/state")
        #expect(location.source == .option)
    }

    @Test func environmentVariableComesSecond() {
        let location = StateLocation.resolve(stateDirOption: nil, environment: everything)
        #expect(location.directory.path == "/env/state")
        #expect(location.source == .environment)
    }

    @Test func xdgStateHomeComesThird() {
        var environment = everything
        environment["BLUEVIRT_STATE_DIR"] = ""
        let location = StateLocation.resolve(stateDirOption: "", environment: environment)
        #expect(location.directory.path == "/xdg/bluevirt")
        #expect(location.source == .xdgStateHome)
    }

    @Test func homeIsTheLastResort() {
        let location = StateLocation.resolve(stateDirOption: nil, environment: ["HOME": "/home/someone", "XDG_STATE_HOME": "relative/ignored"])
        #expect(location.directory.path == "/home/someone/.local/state/bluevirt")
        #expect(location.source == .home)
        #expect(location.databaseURL.path == "/home/someone/.local/state/bluevirt/state.sqlite")
    }

    @Test func relativeOptionIsTakenFromTheCurrentDirectory() {
        let location = StateLocation.resolve(stateDirOption: "some/state", environment: [:])
        let expected = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
            .appendingPathComponent("some/state").standardizedFileURL.path
        #expect(location.directory.path == expected)
    }

    @Test func createdDirectoryIsPrivateToItsOwner() throws {
        let root = try TemporaryDirectory()
        let location = StateLocation(directory: root.url.appendingPathComponent("a/b/bluevirt"), source: .option)
        try location.createDirectory()
        let attributes = try FileManager.default.attributesOfItem(atPath: location.directory.path)
        let permissions = try #require(attributes[.posixPermissions] as? Int)
        #expect(permissions & 0o777 == 0o700)
    }
}
