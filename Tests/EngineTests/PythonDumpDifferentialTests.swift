import Blueprint
@testable import Engine
import Foundation
import Testing

/// bluevirt's PythonYAMLDump and PythonJSONDump (the utilities plugin's cloud_config and
/// json_config) against PyYAML's `yaml.dump(value, default_flow_style=False, sort_keys=False)`
/// and Python's `json.dumps(value)`, case by case: the same text.
@Suite struct PythonDumpDifferentialTests {
    struct Dumped: Decodable {
        var yaml: String
        var json: String
    }

    static let cases: [(name: String, value: Value)] = {
        var cases: [(String, Value)] = []
        let strings = [
            "plain", "two words", "", " leading", "trailing ", "yes", "No", "on", "OFF", "true", "False", "null", "Null", "~",
            "123", "-7", "+1", "0x1F", "0o17", "017", "1_000", "1:20", "1:20.5", "0b101", ".5", "1.5", "1e5", "1.0e+5", ".inf", "-.Inf", ".NaN",
            "2020-10-01", "2001-12-14t21:59:43.10-05:00", "<<", "=", "---", "--- x", "...", "!tag", "&anchor", "*alias", "%", "@at", "`tick",
            "{a}", "[a]", ",a", "a,b", "a[b]", "?", "? a", "?a", ":", ": a", ":a", "a: b", "a:b", "a:", "- x", "-x", "-", "#c", "a #c", "a#c",
            "it's", "\"quoted\"", "back\\slash", "tab\there", "cr\r\nlf", "a\nb", "a\nb\n", "a\n\nb", "\nleading break", " a\nb", "a \nb", "a\n b",
            "café", "日本", "emoji 🙂", "bom\u{FEFF}", "nel\u{85}", "nbsp\u{A0}", "del\u{7F}", "bell\u{07}", "nul\u{0}",
            "$6$rounds=4096$sEbWYCRnr$kV18TY9O9Bkq0DdSo5Zvp8saK0gnpZ3RD.55YvQp1ZuaU89eG/T3UrWRh7s9SzchEjebL9ETr2KyMVHqtiXbQ.",
            "ALL=(ALL) NOPASSWD:ALL", "users, admin, wheel", "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7 user@host",
            String(repeating: "word ", count: 40), String(repeating: "x", count: 200), String(repeating: "ab  ", count: 30),
            String(repeating: "long line with spaces ", count: 6) + "\n" + String(repeating: "second line ", count: 9) + "\n",
            String(repeating: "é word ", count: 20), String(repeating: "it's ", count: 25),
            "[customrepo]\nname=Custom Repository\nbaseurl=http://localhost:8080/\nenabled=0\ngpgcheck=0\n",
            "server {\n  listen 8080 default_server;\n  root /usr/share/nginx/html/;\n}\n",
        ]
        for (index, text) in strings.enumerated() {
            cases.append(("string \(index) \(text.debugDescription.prefix(30))", .map([.init(key: "value", value: .string(text))])))
            cases.append(("list string \(index)", .map([.init(key: "items", value: .list([.string(text), .string(text)]))])))
            cases.append(("key \(index)", .map([.init(key: text, value: .int(1))])))
        }
        let floats: [Double] = [0, -0.0, 1, 0.1, 1.5, 100, 1e-4, 1e-5, 0.000123, 1e15, 1e16, 1.5e16, 9999999999999998, 123456789.125,
                                1.5e300, 5e-324, -2.5, .infinity, -.infinity, .nan, 3.141592653589793]
        for number in floats { cases.append(("float \(number)", .map([.init(key: "n", value: .float(number))]))) }
        cases.append(("scalars", .map([
            .init(key: "int", value: .int(-42)), .init(key: "zero", value: .int(0)), .init(key: "big", value: .int(Int.max)),
            .init(key: "yes", value: .bool(true)), .init(key: "no", value: .bool(false)), .init(key: "nothing", value: .null),
        ])))
        cases.append(("empty map", .map([])))
        cases.append(("empty collections", .map([
            .init(key: "list", value: .list([])), .init(key: "map", value: .map([])),
            .init(key: "nested", value: .list([.list([]), .map([]), .list([.list([])])])),
        ])))
        cases.append(("nested", .map([
            .init(key: "users", value: .list([
                .map([.init(key: "name", value: .string("centos")), .init(key: "groups", value: .list([.string("wheel"), .string("adm")])),
                      .init(key: "sudo", value: .list([.string("ALL=(ALL) NOPASSWD:ALL")])), .init(key: "lock_passwd", value: .bool(false))]),
                .map([.init(key: "name", value: .string("second")), .init(key: "shell", value: .string("/bin/bash"))]),
            ])),
            .init(key: "packages", value: .list([.list([.string("epel-release")]), .list([.string("deltarpm"), .string("1.2")])])),
            .init(key: "growpart", value: .map([.init(key: "mode", value: .string("auto")), .init(key: "devices", value: .list([.string("/")]))])),
            .init(key: "deep", value: .map([.init(key: "a", value: .map([.init(key: "b", value: .map([.init(key: "c", value: .list([.map([.init(key: "d", value: .int(1))])]))]))]))])),
            .init(key: "list of lists", value: .list([.list([.list([.string("x"), .map([.init(key: "k", value: .string("v"))])])])])),
            .init(key: "multi", value: .list([.string("line one\nline two"), .map([.init(key: "content", value: .string("a\n  b\n"))])])),
        ])))
        cases.append(("long key", .map([.init(key: String(repeating: "k", count: 130), value: .map([.init(key: "x", value: .int(1))]))])))
        cases.append(("top-level list", .list([.string("a"), .map([.init(key: "b", value: .list([.int(1), .int(2)]))])])))
        return cases
    }()

    /// Python's dumps of every case, computed once.
    static let python: Result<[Dumped], any Error> = Result {
        let script = Paths.fixtures.appendingPathComponent("python/dump_with_pyyaml.py").path
        let input = try JSONSerialization.data(withJSONObject: cases.map { PythonJSONDump.text(of: $0.value) })
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script]
        let stdin = Pipe(), stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        try process.run()
        let writer = Thread {
            stdin.fileHandleForWriting.write(input)
            try? stdin.fileHandleForWriting.close()
        }
        writer.start()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw PythonUnavailable(description: "python3 with PyYAML failed (status \(process.terminationStatus)); scripts/setup.sh installs python3-yaml")
        }
        return try JSONDecoder().decode([Dumped].self, from: output)
    }

    struct PythonUnavailable: Error, CustomStringConvertible {
        var description: String
    }

    @Test("the same YAML as PyYAML's yaml.dump", arguments: cases.indices)
    func sameYAML(index: Int) throws {
        let expected = try Self.python.get()[index]
        let actual = PythonYAMLDump.text(of: Self.cases[index].value)
        #expect(actual == expected.yaml, "\(Self.cases[index].name)")
    }

    @Test("the same JSON as Python's json.dumps", arguments: cases.indices)
    func sameJSON(index: Int) throws {
        let expected = try Self.python.get()[index]
        #expect(PythonJSONDump.text(of: Self.cases[index].value) == expected.json, "\(Self.cases[index].name)")
    }
}
