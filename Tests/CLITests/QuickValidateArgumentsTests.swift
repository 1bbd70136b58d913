import ArgumentParser
import Testing
import TestSupport
@testable import bluevirt

/// QuickValidateArguments reads validate's ordinary command lines without ArgumentParser. Whatever
/// it accepts, ArgumentParser must read the same way; the rest it must leave to ArgumentParser.
@Suite struct QuickValidateArgumentsTests {
    /// What ArgumentParser makes of `arguments`: the validate request, or nil for anything else
    /// (another command, help, a usage error).
    private static func parsedByArgumentParser(_ arguments: [String]) -> ValidateRequest? {
        (try? Bluevirt.parseAsRoot(arguments) as? ValidateCommand)?.request
    }

    @Test(arguments: [
        ["validate", "app.yaml"],
        ["validate", "app.yaml", "--json"],
        ["validate", "--json", "app.yaml"],
        ["validate", "app.yaml", "--inputs", "prod.yaml", "--input", "vcpus=4"],
        ["validate", "app.yaml", "--input=tags=[a, b]", "--input", "name=web"],
        ["validate", "app.yaml", "--secrets", "s.yaml", "--secret", "db=x", "--secret=b=y"],
        ["validate", "--state-dir", "/tmp/state", "app.yaml"],
        ["validate", "--state-dir=/tmp/state", "app.yaml", "--inputs=a.yaml", "--inputs=b.yaml"],
        ["validate", "app.yaml", "--connect", "lxc:///"],
        ["validate", "--connect=test:///default", "app.yaml"],
    ])
    func readsTheOrdinaryFormsAsArgumentParserDoes(arguments: [String]) throws {
        let quick = try #require(QuickValidateArguments.request(from: arguments), "the ordinary form should skip ArgumentParser")
        #expect(quick == Self.parsedByArgumentParser(arguments))
    }

    @Test func keepsRepeatedValuesInOrder() throws {
        let request = try #require(QuickValidateArguments.request(from: [
            "validate", "--input", "a=1", "app.yaml", "--input=b=2", "--inputs", "x.yaml", "--inputs=y.yaml",
        ]))
        #expect(request.blueprintPath == "app.yaml")
        #expect(request.inputs.assignments == ["a=1", "b=2"])
        #expect(request.inputs.files == ["x.yaml", "y.yaml"])
        #expect(!request.json)
        #expect(request.stateDir == nil)
    }

    @Test(arguments: [
        ["validate"],
        ["validate", "--help"],
        ["validate", "-h", "app.yaml"],
        ["help", "validate"],
        ["dry-run", "app.yaml"],
        ["validate", "a.yaml", "b.yaml"],
        ["validate", "app.yaml", "--json", "--json"],
        ["validate", "app.yaml", "--state-dir", "a", "--state-dir", "b"],
        ["validate", "app.yaml", "--connect", "lxc:///", "--connect", "xen:///"],
        ["validate", "app.yaml", "--input"],
        ["validate", "app.yaml", "--input", "-x"],
        ["validate", "app.yaml", "--input="],
        ["validate", "--", "app.yaml"],
        ["validate", "-"],
        ["validate", ""],
        ["validate", "app.yaml", "--deployment", "x"],
        ["validate", "app.yaml", "--jsonx"],
        ["--version"],
        [],
    ])
    func leavesEverythingElseToArgumentParser(arguments: [String]) {
        #expect(QuickValidateArguments.request(from: arguments) == nil)
    }

    /// Every option validate's help lists (but help itself) is read here, so that an option added
    /// to the command without being added here is noticed: the quick path would silently stop
    /// applying to command lines that use it.
    @Test func readsEveryOptionValidateHas() throws {
        let help = ValidateCommand.helpMessage(columns: 400)
        let names = Set(help.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\n" || $0 == "[" || $0 == "]" })
            .filter { $0.hasPrefix("--") }
            .map { String($0.prefix { $0 != "=" && $0 != "<" }) })
        #expect(names.contains("--inputs") && names.contains("--json"), "help should list validate's options: \(help)")
        for name in names.subtracting(["--help"]) {
            let arguments = name == "--json" ? ["validate", "app.yaml", name] : ["validate", "app.yaml", name, "value"]
            #expect(QuickValidateArguments.request(from: arguments) != nil, "\(name) is not read by QuickValidateArguments")
            #expect(QuickValidateArguments.request(from: arguments) == Self.parsedByArgumentParser(arguments))
        }
    }

    /// Random command lines of ordinary pieces and odd tokens: whenever the quick path accepts,
    /// ArgumentParser reads the same request.
    @Test func agreesWithArgumentParserOnRandomCommandLines() {
        let ordinary: [[String]] = [
            ["app.yaml"], ["--json"], ["--inputs", "f.yaml"], ["--input", "a=1"], ["--secrets", "s.yaml"],
            ["--secret", "db=x"], ["--state-dir", "/s"], ["--input=a=b"], ["--inputs=f.yaml"], ["--state-dir=/s"],
            ["--secret==="], ["--input", "help"], ["--input", "validate"], ["--connect", "lxc:///"],
        ]
        let odd = [
            "other.yaml", "x", "help", "validate", "dry-run", "=", "", "-", "--", "-h", "--help", "--jsonx", "-json",
            "--inputs", "--input", "--state-dir", "--version", "--input=", "--=x", "-d", "--deployment", "-x",
            "--input=-x", "--INPUT", "--inputs=", "--connect",
        ]
        var generator = SeededGenerator(state: 0x5EED_0014)
        var accepted = 0
        for _ in 0..<3000 {
            var arguments = [Int.random(in: 0..<10, using: &generator) == 0 ? odd.randomElement(using: &generator)! : "validate"]
            for _ in 0..<Int.random(in: 0...5, using: &generator) {
                if Int.random(in: 0..<4, using: &generator) == 0 {
                    arguments.append(odd.randomElement(using: &generator)!)
                } else {
                    arguments += ordinary.randomElement(using: &generator)!
                }
            }
            guard let quick = QuickValidateArguments.request(from: arguments) else { continue }
            accepted += 1
            #expect(quick == Self.parsedByArgumentParser(arguments), "\(arguments)")
        }
        // Enough accepted lines that the comparison means something.
        #expect(accepted > 200, "only \(accepted) random command lines took the quick path")
    }
}
