import Foundation
import Jinja
import Testing

/// The names a template reads from its context, as jinja2 scopes them.
@Suite struct ContextNamesTests {
    private func reads(_ source: String) throws -> [String] {
        try Template(source).contextNames().reads.map { "\($0.name)@\($0.position)" }
    }

    @Test func setAndForBindNamesWhereJinja2ScopesThem() throws {
        // A set inside an if binds after it; one inside a loop, and the loop's own names, only in the loop.
        let scoped = try reads("{% if a %}{% set b = 1 %}{% endif %}{{ b }}{% for d in disks if d.on %}{% set c = loop.index %}{{ c ~ d }}{% endfor %}{{ c }}{{ d }}")
        #expect(scoped == ["a@1:7", "disks@1:56", "c@1:122", "d@1:129"], "\(scoped)")
        let unbound = try reads("{{ x }}{% set x = 1 %}{{ x }}{{ range(2) }}{% for k, v in m.items() %}{{ k ~ v }}{% else %}{{ loop }}{% endfor %}")
        #expect(unbound == ["x@1:4", "m@1:59", "loop@1:95"], "\(unbound)")
    }

    @Test func namesTestedOrGivenAFallbackAreOptional() throws {
        let names = try Template("{% if cpu is defined %}{{ cpu }}{% endif %}{{ ram|default(1) }}{{ disk.size|d(2) }}{{ x is undefined }}{{ y is none }}").contextNames()
        #expect(names.optional == ["cpu", "ram", "x"])
        #expect(names.reads.map(\.name) == ["cpu", "ram", "disk", "x", "y"])
    }

    @Test func aMacrosParametersAndCallerAreKnownInsideItOnly() throws {
        let names = try reads("{% macro disk(dev, bus=dev ~ 'x') %}{{ dev }}{{ bus }}{{ caller() }}{{ size }}{% endmacro %}{{ disk('vda') }}{{ dev }}{% call(item) disk(d) %}{{ item }}{{ other }}{% endcall %}{% set ns = namespace(n=0) %}{% set ns.n = ns.n + 1 %}{% set ms.n = 1 %}")
        #expect(names == ["size@1:72", "dev@1:113", "d@1:138", "other@1:156", "ms@1:238"], "\(names)")
    }

    @Test func anIncludedTemplatesReadsAreItsOwnAtItsLinesWithTheNamesBoundAtTheTag() throws {
        let loader = FileDictionary(files: [
            "part.j2": "{% set own = 1 %}{{ own }}{{ d }}\n  {{ nmae }}{{ s }}{{ after }}{{ loop }}",
            "bare.j2": "{{ name }}{{ a }}{% include 'part.j2' %}",
        ])
        let names = try Template("{% set a = 1 %}{% for d in disks %}{% set s = 2 %}{% include 'part.j2' %}{% endfor %}{% set after = 3 %}{{ nmae }}{% include 'bare.j2' without context %}")
            .contextNames(loader: loader)
        let reads = names.reads.map { "\($0.name)@\($0.template ?? "main"):\($0.position)\($0.seesContext ? "" : " unseen")" }
        #expect(reads == [
            "disks@main:1:28", "nmae@part.j2:2:6", "after@part.j2:2:23", "loop@part.j2:2:34", "nmae@main:1:108",
            "name@bare.j2:1:4 unseen", "a@bare.j2:1:14 unseen", "d@part.j2:1:30 unseen", "nmae@part.j2:2:6 unseen", "s@part.j2:2:16 unseen",
            "after@part.j2:2:23 unseen", "loop@part.j2:2:34 unseen",
        ], "\(reads)")
    }

    /// Which names an included template finds undefined, against jinja2's own rendering: every
    /// read of these cases runs once, so the names read and not bound are those jinja2 misses.
    @Test func includedTemplatesSeeWhatJinja2PassesThem() throws {
        let cases: [(template: String, files: [String: String])] = [
            ("{% set a = 1 %}{% for d in [1] %}{% set b = 2 %}{% include 'p' %}{% set c = 3 %}{% endfor %}{% set e = 5 %}",
             ["p": "{{ a }}{{ b }}{{ c }}{{ d }}{{ e }}{{ loop }}{{ name }}{{ nmae }}"]),
            ("{% for d in [1] %}{{ loop.index }}{% include 'p' %}{% endfor %}", ["p": "{{ loop.length }}{{ d }}"]),
            ("{% macro m(x) %}{% include 'p' %}{% endmacro %}{{ m(1) }}", ["p": "{{ x }}{{ caller }}{{ varargs }}{{ m }}"]),
            ("{% macro m(x) %}{{ caller() }}{% include 'p' %}{% endmacro %}{% call m(1) %}c{% endcall %}", ["p": "{{ x }}{{ caller() }}{{ kwargs }}"]),
            ("{% macro m() %}{{ caller(1) }}{% endmacro %}{% call(i) m() %}{% include 'p' %}{% endcall %}", ["p": "{{ i }}{{ caller }}"]),
            ("{% set a = 1 %}{% for d in [1] %}{% include 'p' without context %}{% endfor %}",
             ["p": "{{ a }}{{ d }}{{ name }}{{ range(1)|list }}{{ namespace }}{% include 'r' %}", "r": "{{ name }}{{ n }}"]),
            ("{% macro top() %}T{% endmacro %}{% for d in [1] %}{% macro inner() %}I{% endmacro %}{% include 'p' %}{% endfor %}",
             ["p": "{{ top() }}{{ inner() }}"]),
            ("{% if true %}{% set a = 1 %}{% endif %}{% include ['missing', 'p'] %}{% set a2 = 3 %}", ["p": "{{ a }}{{ a2 }}"]),
            ("{% include 'p' %}", ["p": "{% macro q(y) %}{{ y }}{{ z }}{% endmacro %}{{ q(1) }}{% include 'r' %}", "r": "{{ q }}{{ y }}{{ own }}"]),
        ]
        let context = ["name"]
        let input = try JSONSerialization.data(withJSONObject: cases.map { ["template": $0.template, "files": $0.files, "context": context] })
        let expected = try JSONDecoder().decode([[String]].self, from: PythonJinja.run("undefined_names_with_jinja2.py", input: input))
        for (index, testCase) in cases.enumerated() {
            let names = try Template(testCase.template).contextNames(loader: FileDictionary(files: testCase.files))
            let missing = Set(names.reads.filter { !$0.seesContext || !context.contains($0.name) }.map(\.name)).sorted()
            #expect(missing == expected[index], "\(testCase.template) with \(testCase.files)")
        }
    }
}

extension ContextNamesTests {
    @Test func aComputedIncludeIsFollowedWhereARenderFoundItsTemplate() throws {
        let files = FileDictionary(files: ["disk.j2": "{{ nmae }}{{ d }}", "net.j2": "{% include 'deep.j2' %}", "deep.j2": "{{ deeper }}{{ d }}"])
        let template = try Template("{% for d in ['disk', 'net'] %}{% include d ~ '.j2' %}{% endfor %}\n{% if false %}{% include kind ~ '.j2' %}{% endif %}")
        var followed: [IncludeSite: Set<String>] = [:]
        _ = try template.render([:], loader: files, followedIncludes: &followed)
        #expect(followed.filter { $0.key.template == nil }.values.map { $0.sorted() } == [["disk.j2", "net.j2"]])
        #expect(followed.filter { $0.key.template == "net.j2" }.values.map { $0.sorted() } == [["deep.j2"]])
        let names = template.contextNames(loader: files, followedIncludes: followed)
        #expect(names.reads.map { "\($0.name)@\($0.template ?? "main")" } == ["nmae@disk.j2", "deeper@deep.j2", "kind@main"])
        // The tag in the false branch was not reached: which template it names is not known.
        #expect(names.unfollowedIncludes.map(\.template) == [nil])
        #expect(names.unfollowedIncludes.first?.position.line == 2)
        // Without a render, neither computed include is followed.
        #expect(template.contextNames(loader: files).unfollowedIncludes.count == 2)
    }

    @Test func keysReadOfValuesAndThoseTreatedAsOptional() throws {
        let names = try Template("""
            {% for n in networks %}{{ n.portgroup }}{{ n['vlan'] }}{{ n.get('mac') }}{% if n.model is defined %}{{ n.model }}{% endif %}{{ n.dev|default('x') }}{% endfor %}\
            {{ disks|selectattr('device', 'equalto', 'cdrom')|list }}{{ disks|map(attribute='pool.name')|join(',') }}{{ ips|join(',', 'address') }}
            """).contextNames()
        #expect(names.keys == ["portgroup", "vlan", "get", "mac", "model", "dev", "device", "pool", "name", "address"])
        #expect(names.optionalKeys == ["mac", "model", "dev"])
        #expect(!names.includes)
        #expect(try Template("{% include 'nics.j2' %}").contextNames().includes)
    }
}
