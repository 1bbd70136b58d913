import Jinja
import Testing

/// The names a template reads from its context, as jinja2 scopes them.
@Suite struct ContextNamesTests {
    private func reads(_ source: String) throws -> [String] {
        try Template(source).contextNames.reads.map { "\($0.name)@\($0.position)" }
    }

    @Test func setAndForBindNamesWhereJinja2ScopesThem() throws {
        // A set inside an if binds after it; one inside a loop, and the loop's own names, only in the loop.
        let scoped = try reads("{% if a %}{% set b = 1 %}{% endif %}{{ b }}{% for d in disks if d.on %}{% set c = loop.index %}{{ c ~ d }}{% endfor %}{{ c }}{{ d }}")
        #expect(scoped == ["a@1:7", "disks@1:56", "c@1:122", "d@1:129"], "\(scoped)")
        let unbound = try reads("{{ x }}{% set x = 1 %}{{ x }}{{ range(2) }}{% for k, v in m.items() %}{{ k ~ v }}{% else %}{{ loop }}{% endfor %}")
        #expect(unbound == ["x@1:4", "m@1:59", "loop@1:95"], "\(unbound)")
    }

    @Test func namesTestedOrGivenAFallbackAreOptional() throws {
        let names = try Template("{% if cpu is defined %}{{ cpu }}{% endif %}{{ ram|default(1) }}{{ disk.size|d(2) }}{{ x is undefined }}{{ y is none }}").contextNames
        #expect(names.optional == ["cpu", "ram", "x"])
        #expect(names.reads.map(\.name) == ["cpu", "ram", "disk", "x", "y"])
    }

    @Test func aMacrosParametersAndCallerAreKnownInsideItOnly() throws {
        let names = try reads("{% macro disk(dev, bus=dev ~ 'x') %}{{ dev }}{{ bus }}{{ caller() }}{{ size }}{% endmacro %}{{ disk('vda') }}{{ dev }}{% call(item) disk(d) %}{{ item }}{{ other }}{% endcall %}{% set ns = namespace(n=0) %}{% set ns.n = ns.n + 1 %}{% set ms.n = 1 %}")
        #expect(names == ["size@1:72", "dev@1:113", "d@1:138", "other@1:156", "ms@1:238"], "\(names)")
    }
}
