import Foundation
import Testing
import Platform

/// Platform's path operations give what NSString gave for every path bluevirt passes them,
/// checked against corelibs Foundation itself; and Darwin's answers where corelibs stops the
/// process (a path of one relative component).
@Suite("path text")
struct PathTextTests {
    static let paths = ["/a/b/c.txt", "/a/b/", "/", "", "a/b", "~/x", "/a/b/.hidden", "/a/b.c/d",
                        "x.tar.gz", "./a", "../x/y", "/images/disk.qcow2", "blueprints/web/blueprint.yaml"]

    @Test("as NSString", arguments: paths)
    func sameAsFoundation(path: String) {
        let foundation = path as NSString
        #expect(path.lastPathComponent == foundation.lastPathComponent)
        #expect(path.deletingLastPathComponent == foundation.deletingLastPathComponent)
        #expect(path.pathExtension == foundation.pathExtension)
        #expect(path.appendingPathComponent("z") == foundation.appendingPathComponent("z"))
        #expect(path.expandingTildeInPath == foundation.expandingTildeInPath)
    }

    @Test("one relative component has no parent")
    func oneComponent() {
        #expect("a".deletingLastPathComponent == "")
        #expect("a/".deletingLastPathComponent == "")
        #expect("a/".lastPathComponent == "a")
        #expect("~".deletingLastPathComponent == "")
    }

    @Test("tilde alone, with a path, and another user's, as NSString expands them")
    func tilde() {
        let home = ProcessInfo.processInfo.environment["HOME"] ?? "/"
        #expect("~".expandingTildeInPath == home)
        #expect("~/keys/id".expandingTildeInPath == home + "/keys/id")
        for path in ["~root/x", "~root", "~no-such-user-bluevirt/x"] {
            #expect(path.expandingTildeInPath == (path as NSString).expandingTildeInPath)
        }
        #expect("~root/x".expandingTildeInPath == "/root/x")
    }
}
