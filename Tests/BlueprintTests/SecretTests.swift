import Testing
import YAMLSource
@testable import Blueprint

@Suite("get_secret and masking")
struct SecretTests {
    typealias T = ValuesTesting

    static let secrets = Secrets([
        "db_password": .init(value: .string("hunter2-long"), source: .commandLine),
        "creds_json": .init(value: .string(#"{"user": "admin-9", "keys": ["k-0001", "k-0002"]}"#), source: .store),
        "creds": .init(value: Value(T.node("{user: admin-7, port: 2222}")), source: .file("s.yaml")),
        "plain": .init(value: .string("not json: {"), source: .store),
    ])

    private func evaluate(_ text: String) -> (EvaluatedValue, [Diagnostic]) {
        let (expression, parse) = T.expression(text)
        precondition(parse.isEmpty, "\(parse)")
        var diagnostics: [Diagnostic] = []
        let evaluator = Evaluator(inputs: ["which": .string("db_password")], secrets: Self.secrets)
        return (evaluator.evaluate(expression, in: .nodeProperty(node: "vm"), diagnostics: &diagnostics), diagnostics)
    }

    @Test func aSecretIsItsValueAndAListFollowsAPathIntoItAsCloudifyDoes() {
        #expect(evaluate("{get_secret: db_password}").0 == .known(.string("hunter2-long")))
        #expect(evaluate("{get_secret: {get_input: which}}").0 == .known(.string("hunter2-long")))
        #expect(evaluate("{concat: [a-, {get_secret: db_password}]}").0 == .known(.string("a-hunter2-long")))
        // Text is read as JSON; a structured value is walked as it is.
        #expect(evaluate("{get_secret: [creds_json, keys, 1]}").0 == .known(.string("k-0002")))
        #expect(evaluate("{get_secret: [creds, port]}").0 == .known(.int(2222)))
        #expect(evaluate("{get_secret: unknown}").0 == .pending("get_secret: unknown"))
    }

    @Test func aPathProblemNeverQuotesTheValue() {
        let (value, diagnostics) = evaluate("{get_secret: [creds, user, name]}")
        #expect(!value.isKnown)
        #expect(diagnostics.map(\.code) == [.missingValuePath])
        #expect(diagnostics.allSatisfy { !"\($0.message) \($0.notes.map(\.message))".contains("admin-7") }, "\(diagnostics)")
        let missingKey = evaluate("{get_secret: [creds, pasword]}").1
        #expect(missingKey.map(\.code) == [.missingValuePath])
        let notJSON = evaluate("{get_secret: [plain, key]}").1
        #expect(notJSON.map(\.code) == [.functionEvaluationFailed])
        #expect(notJSON.allSatisfy { !$0.message.contains("not json: {") })
    }

    @Test func theMaskHidesEveryValueAsWrittenAndAsPrintingEscapesIt() {
        let mask = Secrets([
            "xml": .init(value: .string(#"a<b&"c'-long"#), source: .commandLine),
            "key": .init(value: .string("-----BEGIN KEY-----\nAAAAline-one\nBBBBline-two\n-----END KEY-----\n"), source: .store),
            "creds": .init(value: Value(T.node("{user: admin-7, pin: 123456, flag: true}")), source: .file("s.yaml")),
            "short": .init(value: .string("abc"), source: .commandLine),
        ]).mask
        #expect(mask(#"<graphics passwd="a&lt;b&amp;&quot;c&apos;-long"/>"#) == #"<graphics passwd="${get_secret: xml}"/>"#)
        #expect(mask(#"{"p": "a<b&\"c'-long"}"#) == #"{"p": "${get_secret: xml}"}"#)
        #expect(mask("user admin-7 pin 123456 flag true") == "user ${get_secret: [creds, user]} pin ${get_secret: [creds, pin]} flag true")
        #expect(mask("line AAAAline-one") == "line ${get_secret: key}", "each line of a multi-line value")
        #expect(!mask(#"{"k": "-----BEGIN KEY-----\nAAAAline-one\nBBBBline-two\n-----END KEY-----\n"}"#).contains("line-two"))
        #expect(mask("abc stays") == "abc stays", "too short to mask")
        #expect(SecretMask()("hunter2-long") == "hunter2-long")
    }

    /// The value is searched for code unit by code unit: a combining mark after it (which makes
    /// another character of its last letter) or a "\r\n" in it does not hide it from the mask.
    @Test func theMaskFindsAValueWhateverCharactersItsNeighboursMake() {
        let mask = Secrets([
            "word": .init(value: .string("hunter2-long"), source: .commandLine),
            "lines": .init(value: .string("AAAA-one\r\nBBBB-two"), source: .commandLine),
        ]).mask
        #expect(mask("pass hunter2-long\u{301}!") == "pass ${get_secret: word}\u{301}!")
        // The repr form escapes line feeds, that of "\r\n" too (not yet the carriage return).
        #expect(mask("print 'AAAA-one\r\\nBBBB-two'") == "print '${get_secret: lines}'")
    }

    /// A secret value that is part of a name the user chose (`centos` in `vm_centos`) leaves
    /// the name readable; everywhere else it is hidden, also when it contains a kept name.
    @Test func namesTheUserChoseStayReadableButAValueAroundThemIsHidden() {
        let mask = Secrets([
            "user": .init(value: .string("centos"), source: .commandLine),
            "word": .init(value: .string("myvmpass"), source: .commandLine),
            "inner": .init(value: .string("secret"), source: .commandLine),
        ]).mask.keeping(["ex-vm_centos.amd64", "vm", "centos_vm"])
        #expect(mask("deployment ex-vm_centos.amd64: ssh centos@host") == "deployment ex-vm_centos.amd64: ssh ${get_secret: user}@host")
        #expect(mask("centos_vm-1 started") == "centos_vm-1 started")
        #expect(mask("vm password myvmpass") == "vm password ${get_secret: word}")
        // A placeholder put in is not searched again (`secret` is inside `get_secret`).
        #expect(mask("secret centos") == "${get_secret: inner} ${get_secret: user}")
        // Masking twice (the engine, then the printer) leaves the placeholders as they are.
        #expect(mask(mask("secret centos")) == "${get_secret: inner} ${get_secret: user}")
        let named = Secrets(["libvirt_cluster_user": .init(value: .string("cluster"), source: .commandLine)]).mask
        #expect(named(named("ssh cluster@host")) == "ssh ${get_secret: libvirt_cluster_user}@host")
    }

    @Test func givenSecretsAreReadFromFilesAndAssignments() throws {
        let (secret, problems) = GivenSecrets.parse(assignment: "token=a=b=c")
        #expect(problems.isEmpty)
        #expect(secret?.name == "token" && secret?.secret.value == .string("a=b=c"))
        let (none, malformed) = GivenSecrets.parse(assignment: "just-a-value")
        #expect(none == nil && malformed.map(\.code) == [.malformedSecrets])
        #expect(!malformed[0].message.contains("just-a-value"))
        #expect(GivenSecrets.parse(assignment: "=value").1.map(\.code) == [.malformedSecrets])
        // Precedence: the first source that has a name keeps it.
        let merged = Secrets(["a": .init(value: .string("cli"), source: .commandLine)])
            .adding(["a": .init(value: .string("file"), source: .file("f")), "b": .init(value: .string("file"), source: .file("f"))])
        #expect(merged.value(named: "a") == .string("cli") && merged.value(named: "b") == .string("file"))
    }
}
