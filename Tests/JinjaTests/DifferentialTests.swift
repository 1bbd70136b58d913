import Foundation
import Jinja
import Testing

/// Renders the corpus with this interpreter and with Python's jinja2 and compares: the same
/// bytes when jinja2 renders, an error when jinja2 raises.
@Suite struct DifferentialTests {
    /// jinja2's results for the whole corpus, computed once.
    static let python: Result<[PythonJinja.Result], any Error> = Result { try PythonJinja.render(Corpus.cases) }

    static func swiftRender(_ testCase: RenderCase) throws -> String {
        let context = try OrderedJSON.context(testCase.context)
        let loader = testCase.files.isEmpty ? nil : FileDictionary(files: testCase.files)
        return try Template(testCase.template).render(context, autoescape: testCase.autoescape, loader: loader)
    }

    @Test("python3 with jinja2 is available (scripts/setup.sh installs it)")
    func pythonAvailable() throws {
        let results = try Self.python.get()
        #expect(results.count == Corpus.cases.count)
    }

    @Test("same output or same rejection as jinja2", arguments: Corpus.cases.indices)
    func sameAsJinja2(index: Int) throws {
        let testCase = Corpus.cases[index]
        let expected = try Self.python.get()[index]
        let actual = Result { try Self.swiftRender(testCase) }
        switch (expected.output, actual) {
        case (let output?, .success(let rendered)):
            #expect(rendered == output, "\(testCase.name): template \(testCase.template.debugDescription)")
        case (let output?, .failure(let error)):
            Issue.record("\(testCase.name): jinja2 renders \(output.debugDescription), Swift fails: \(error)")
        case (nil, .success(let rendered)):
            Issue.record("\(testCase.name): jinja2 fails (\(expected.error ?? "?")), Swift renders \(rendered.debugDescription)")
        case (nil, .failure(let error)):
            #expect(error is JinjaError, "\(testCase.name): \(error)")
            #expect(testCase.name.hasPrefix("error:"), "\(testCase.name) is expected to render; jinja2 says \(expected.error ?? "?")")
        }
    }

    @Test("every error case is one jinja2 rejects")
    func errorCasesAreRejectedByJinja2() throws {
        let results = try Self.python.get()
        for (testCase, result) in zip(Corpus.cases, results) where testCase.name.hasPrefix("error:") {
            #expect(result.error != nil, "\(testCase.name): jinja2 renders it")
        }
    }
}

/// Templates by name, as jinja2's `DictLoader` holds them.
struct FileDictionary: TemplateLoader {
    var files: [String: String]

    func load(_ name: String) throws(TemplateLoadFailure) -> LoadedTemplate {
        guard let text = files[name] else { throw .notFound(name) }
        return LoadedTemplate(path: name, text: text)
    }
}
