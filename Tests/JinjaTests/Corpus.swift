import Foundation

/// One differential case: a template, its context as JSON text (read by both sides with key
/// order kept), whether to autoescape as bluevirt does for user templates, and the templates
/// `{% include %}` may name.
struct RenderCase: Sendable, CustomStringConvertible {
    var name: String
    var template: String
    var context: String
    var autoescape: Bool
    var files: [String: String]

    init(_ name: String, _ template: String, _ context: String = "{}", autoescape: Bool = false, files: [String: String] = [:]) {
        self.name = name
        self.template = template
        self.context = context
        self.autoescape = autoescape
        self.files = files
    }

    var description: String { name }
}

/// Templates and contexts rendered by both the Swift interpreter and Python's jinja2; every
/// supported construct appears, in both escaping modes where it matters, plus cases both must
/// reject.
enum Corpus {
    static let domain = #"{"name": "web-1", "instance_uuid": "4dea22b3-1d52-d8f3-2516-782e98ab3fa0", "memory_size": 1048576, "vcpu": 2, "domain_type": "kvm", "disks": [{"file": "/var/lib/libvirt/images/web.qcow2", "dev": "vda", "bus": "virtio", "type": "qcow2"}, {"file": "/srv/seed.iso", "dev": "sda", "bus": "sata", "type": "raw", "readonly": true}], "networks": [{"network": "lan", "mac": "52:54:00:12:34:56", "type": "virtio"}, {"network": "wan", "dev": "vnet7"}], "labels": {"tier": "web", "owner": "ops & <dev>"}, "ratio": 0.5, "empty": "", "nothing": null, "flag": false}"#

    /// A whole domain template in the plugin's style, from Fixtures/.
    static let domainTemplate: String = {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/domain-x86.xml.j2").path
        return (try? String(contentsOfFile: path, encoding: .utf8)) ?? "{% fixture missing %}"
    }()

    static let cases: [RenderCase] = [
        RenderCase("fixture domain template", domainTemplate, domain),
        RenderCase("fixture domain template autoescaped", domainTemplate, domain, autoescape: true),
        RenderCase("fixture domain template without networks", domainTemplate, #"{"resource_id": "a", "memory_size": 1, "memory_maxsize": 2, "domain_type": "qemu", "disks": [{"file": "/a.img"}], "labels": {}}"#),
        // Text, printing, values as Python prints them.
        RenderCase("plain text", "<domain/>\n"),
        RenderCase("one trailing newline dropped", "a\n\n"),
        RenderCase("crlf normalized", "a\r\nb\rc\r\n"),
        RenderCase("variables", "{{ name }} {{ memory_size }} {{vcpu}}", domain),
        RenderCase("undefined prints nothing", "[{{ missing }}]", domain),
        RenderCase("python str of values", "{{ true }} {{ False }} {{ none }} {{ None }} {{ 1.0 }} {{ 2.50 }} {{ -3 }} {{ 1e20 }} {{ 1e-7 }} {{ 0.0001 }} {{ 123456789.125 }} {{ 1_000 }}"),
        RenderCase("python repr in containers", #"{{ [1, 'a', "it's", none, true, 1.5, {'k': 'v'}, (1,), ()] }}"#),
        RenderCase("dict repr keeps order", "{{ labels }} {{ disks[1] }}", domain),
        RenderCase("string escapes", #"{{ 'a\tb' }}|{{ ['a\nb', 'back\\slash', 'quote\'s', "both'\""] }}|{{ '\x41\u00e9' }}"#),
        RenderCase("unicode repr", #"{{ ['é', '\x07', '\u2028', 'a b'] }}"#),
        RenderCase("floats", "{{ 0.1 + 0.2 }} {{ 1/3 }} {{ 2/2 }} {{ 10/4 }} {{ 1e16 }} {{ 1e15 }} {{ 12345678901234567.0 }} {{ -0.0 }} {{ 3.0 * 1.1 }}"),
        RenderCase("float repr edge cases", "{{ [0.1, 1e-5, 0.00012, 123.456, 1e300, 5e-324, 2.5e15, 9999999999999998.0, 1e16, 9007199254740993.0, 1.7976931348623157e308, 100.0, 1e22, 0.5e-4] }}"),
        RenderCase("float arithmetic repr", "{{ 1e308 * 10 }} {{ -1e308 * 10 }} {{ 2 ** 0.5 }} {{ 10 / 3 * 3 }} {{ 1.1 + 2.2 }} {{ 3 * 0.1 }} {{ 1 - 0.9 }}"),
        RenderCase("bool values", "{{ flag }} {{ disks[1].readonly }}", domain),

        // Whitespace control and comments.
        RenderCase("strip both sides", "a  \n  {%- if true -%}  \n  b  \n  {%- endif -%}  \n  c"),
        RenderCase("strip print", "a \n {{- name -}} \n b", domain),
        RenderCase("no strip keeps newlines", "<a>\n  {% if true %}\n  <b/>\n  {% endif %}\n</a>\n"),
        RenderCase("for loop lines", "<devices>\n{% for d in disks %}\n  <disk dev=\"{{ d.dev }}\"/>\n{% endfor %}\n</devices>\n", domain),
        RenderCase("for loop stripped", "<devices>\n{%- for d in disks %}\n  <disk dev=\"{{ d.dev }}\"/>\n{%- endfor %}\n</devices>", domain),
        RenderCase("comments", "a{# a comment {{ x }} #}b {#- stripped -#} c\n{# multi\nline #}d"),
        RenderCase("plus modifier", "a  {%+ if true %}b{% endif %} {{+vcpu }}", domain),
        RenderCase("plus after {{ is a modifier, not unary plus", "{{+ 'a' }}"),
        RenderCase("raw block", "{% raw %}{{ not rendered }}{% if %}{% endraw %}!"),
        RenderCase("raw block stripped", "a {%- raw -%}  {{ x }}  {%- endraw -%} b"),

        RenderCase("delimiters inside strings and nested braces", #"{{ '}}' }} {% if '%}' %}yes{% endif %} {{ {'a': {'b': 1}} }} {{ {'a': {'b': 1}}['a']['b'] }} {{ "{{" }}"#),
        RenderCase("strip inside for else", "{% for x in [] -%}\n  x\n{%- else -%}\n  none\n{%- endfor %}|\n{% for x in [1, 2] -%}\n  {{ x }}\n{% endfor -%}\n|"),
        RenderCase("strip around comments and raw", "a\n  {#- c #}\nb {# c -#}\n  c\n  {%- raw %} {{ r }} {% endraw -%}\n  d"),
        RenderCase("unicode text", "{{ 'é€𝄞'|upper }} {{ 'ÉA'|lower }} {{ 'é€𝄞'|length }} {{ 'é€𝄞'[2] }} {{ ['é'] }} {{ {'k': '€'}|tojson }}"),
        RenderCase("text around tags keeps spaces", "  {{ name }}  {% if true %}  x  {% endif %}  \n", domain),

        // if / elif / else.
        RenderCase("if elif else", "{% for n in [0, 1, 2, 3] %}{% if n == 0 %}zero{% elif n == 1 %}one{% elif n is even %}even{% else %}odd{% endif %};{% endfor %}"),
        RenderCase("if defined", "{% if networks is defined %}nets{% endif %}{% if storage is defined %}storage{% else %}no storage{% endif %}{% if storage is not defined %}!{% endif %}", domain),
        RenderCase("truthiness", "{% for v in [0, 1, '', 'x', [], [0], {}, none, 0.0, false] %}{{ 'T' if v else 'F' }}{% endfor %}"),
        RenderCase("plugin vcpu idiom", "<vcpu>{% if vcpu is defined %}{{ vcpu }}{% else %}1{% endif %}</vcpu><vcpu>{% if cpus is defined %}{{ cpus }}{% else %}1{% endif %}</vcpu>", domain),
        RenderCase("conditional expression", "{{ 'a' if flag else 'b' }} {{ 'c' if ratio }} [{{ 'x' if flag }}]", domain),

        // for loops.
        RenderCase("loop variables", "{% for d in disks %}{{ loop.index }}/{{ loop.index0 }}/{{ loop.length }}/{{ loop.first }}/{{ loop.last }}/{{ loop.revindex }}/{{ loop.revindex0 }} {% endfor %}", domain),
        RenderCase("for else", "{% for x in [] %}x{% else %}empty{% endfor %}{% for x in missing %}x{% else %}undefined is empty{% endfor %}"),
        RenderCase("nested loops", "{% for a in [1, 2] %}{% for b in 'xy' %}{{ a }}{{ b }}{{ loop.index }}{% endfor %}|{{ loop.index }} {% endfor %}"),
        RenderCase("tuple unpacking items", "{% for k, v in labels.items() %}{{ k }}={{ v }};{% endfor %}", domain),
        RenderCase("parenthesized unpacking", "{% for (a, b) in [[1, 2], (3, 4)] %}{{ a + b }}{% endfor %}"),
        RenderCase("dict iterates keys", "{% for k in labels %}{{ k }},{% endfor %}", domain),
        RenderCase("loop filter", "{% for n in [1, 2, 3, 4, 5] if n is odd %}{{ n }}{{ ',' if not loop.last }}{% endfor %}"),
        RenderCase("loop scope", "{% set x = 1 %}{% for i in [1, 2] %}{% set x = x + i %}{{ x }}{% endfor %}{{ x }}"),
        RenderCase("loop variable does not leak", "{% for i in [1] %}{% endfor %}[{{ i }}]{{ loop }}"),
        RenderCase("print loop", "{% for i in 'ab' %}{{ loop }}{% endfor %}"),
        RenderCase("range", "{% for i in range(3) %}{{ i }}{% endfor %} {{ range(1, 10, 3)|list }} {{ range(2) }}"),
        // range's length is counted, not made, before the limit: every sign and step.
        RenderCase("range lengths", "{{ range(10, 0, -3)|list }} {{ range(-5, 5, 4)|list }} {{ range(5, 5)|list }} {{ range(3, 0)|list }} {{ range(0, 3, -1)|list }} {{ range(-9223372036854775807, -9223372036854775805)|list }} {{ range(9223372036854775806, 9223372036854775807)|list }} {{ range(100000)|length }} {{ range(0, 9000000000000000000, 90000000000000000)|length }}"),
        RenderCase("repetition at and below the limits", "{{ 'ab' * 3 }}|{{ 3 * 'ab' }}|{{ 'x' * 0 }}|{{ 'x' * -2 }}|{{ [1, 2] * 2 }}|{{ (1,) * 3 }}|{{ ('ab' * 1000000)|length }}|{{ ([0] * 1000000)|length }}|{{ '' * 9000000000000000000 }}|{{ [] * 9000000000000000000 }}"),
        RenderCase("powers by squaring", "{{ (-1) ** 9000000000000000001 }} {{ (-1) ** 9000000000000000000 }} {{ 2 ** 62 }} {{ (-2) ** 63 }} {{ 0 ** 0 }} {{ 0 ** 5 }} {{ 1 ** 9000000000000000000 }} {{ 3 ** 39 }} {{ 2 ** -2 }}"),
        RenderCase("negative indents", "{{ [1, [2]]|tojson(indent=-1) }}|{{ 'a\\nb'|indent(-2) }}|{{ [1]|tojson(indent=0) }}"),

        // set.
        RenderCase("set", "{% set greeting = 'hi ' ~ name %}{{ greeting }}{% set a, b = 1, 2 %}{{ a }}{{ b }}{% set t = 1, %}{{ t }}", domain),

        // Literals and access.
        RenderCase("literals", #"{{ [1, [2, 3]] }} {{ {'a': 1, 'b': [true]} }} {{ (1, 'x') }} {{ 'ab' 'cd' }} {{ 0x1F }} {{ 0o17 }} {{ 0b101 }}"#),
        RenderCase("attribute and subscript", "{{ disks[0].dev }} {{ disks[0]['bus'] }} {{ networks.1.network }} {{ labels['tier'] }} {{ name[0] }}{{ name[-1] }} {{ disks[-1].file }}", domain),
        RenderCase("missing attribute is undefined", "[{{ labels.nope }}][{{ disks[5] }}][{{ networks[1].mac }}][{{ name.nope }}]", domain),
        RenderCase("dict methods", "{{ labels.keys() }} {{ labels.values() }} {{ labels.items() }} {{ labels.get('tier') }} {{ labels.get('x') }} {{ labels.get('x', 'd') }}", domain),
        RenderCase("dict method shadows key", #"{{ d.items is defined }} {{ d['items'] }}"#, #"{"d": {"items": "value"}}"#),
        RenderCase("string methods", "{{ name.upper() }} {{ 'A b'.lower() }} {{ '  x '.strip() }} {{ name.startswith('web') }} {{ name.endswith('x') }} {{ 'a b  c'.split() }} {{ 'a,b'.split(',') }} {{ 'aaa'.replace('a', 'b', 2) }}", domain),

        // Operators.
        RenderCase("logic", "{{ true and 'x' }} {{ 0 and 'x' }} {{ '' or 'y' }} {{ 'z' or 'y' }} {{ not 0 }} {{ not not 'a' }} {{ none or [] }}"),
        RenderCase("comparisons", "{{ 1 < 2 }} {{ 2 <= 1 }} {{ 'a' < 'b' }} {{ [1, 2] < [1, 3] }} {{ 1 == 1.0 }} {{ true == 1 }} {{ 'a' != 'a' }} {{ 1 < 2 < 3 }} {{ 3 > 2 > 2 }} {{ none == none }}"),
        RenderCase("membership", "{{ 'eb' in name }} {{ 'tier' in labels }} {{ 2 in [1, 2] }} {{ 3 not in [1, 2] }} {{ 'x' in missing }} {{ 1 in (1, 2) }}", domain),
        RenderCase("membership of text by code points", #"{{ '\n' in 'a\r\nb' }} {{ 'e' in 'e\u0301' }} {{ '\u00e9' in 'e\u0301' }} {{ '\u0301' in 'e\u0301' }}"#),
        RenderCase("arithmetic", "{{ 1 + 2 }} {{ 7 - 10 }} {{ 3 * 4 }} {{ 7 / 2 }} {{ 7 // 2 }} {{ -7 // 2 }} {{ 7 % 3 }} {{ -7 % 3 }} {{ 7 % -3 }} {{ 2 ** 10 }} {{ 2 ** -1 }} {{ 7.5 // 2 }} {{ -7.5 % 2 }} {{ 5.5 % 2 }}"),
        RenderCase("arithmetic on parameters", "{{ memory_size // 1024 }} MiB, {{ memory_size * 2 }}, {{ ratio * 4 }}, {{ vcpu + 0.5 }}, {{ true + 1 }}, {{ -vcpu }}, {{ +vcpu }}", domain),
        RenderCase("sequence arithmetic", "{{ 'ab' * 2 }} {{ [1] * 3 }} {{ 2 * 'c' }} {{ [1] + [2] }} {{ 'a' + 'b' }} {{ (1,) + (2,) }}"),
        RenderCase("concat", "{{ 'a' ~ 1 ~ none ~ true ~ 1.0 ~ [1] ~ missing }} {{ name ~ '-' ~ vcpu }}", domain),
        RenderCase("precedence", "{{ 1 + 2 * 3 }} {{ (1 + 2) * 3 }} {{ 2 ** 3 ** 2 }} {{ -2 ** 2 }} {{ not 1 == 2 }} {{ 1 ~ (2 + 3) }} {{ 10 - 2 - 3 }}"),

        // Tests.
        RenderCase("tests", "{{ name is string }} {{ vcpu is number }} {{ ratio is number }} {{ flag is number }} {{ labels is mapping }} {{ disks is mapping }} {{ disks is iterable }} {{ vcpu is iterable }} {{ nothing is none }} {{ missing is undefined }} {{ missing is iterable }}", domain),
        RenderCase("test arguments without parentheses", "{{ 6 is divisibleby 3 and true }} {{ 2 is in [1, 2] or false }} {{ 'a' if 'a' is eq 'a' else 'b' }} {{ 3 is divisibleby (1 + 2) }}"),
        RenderCase("more tests", "{{ 3 is odd }} {{ 4 is even }} {{ 9 is divisibleby 3 }} {{ 9 is divisibleby(4) }} {{ vcpu is integer }} {{ ratio is float }} {{ flag is boolean }} {{ 1 is in [1] }} {{ 'a' is eq 'a' }} {{ 'ab' is lower }} {{ 'AB' is upper }} {{ name is sequence }}", domain),

        // Filters.
        RenderCase("default", "{{ missing|default('x') }} {{ missing|d('y') }} {{ empty|default('z') }} {{ empty|default('z', true) }} {{ nothing|default('n') }} {{ nothing|d('n', boolean=true) }} {{ flag|default('f') }} {{ name|default('other') }} [{{ missing|default }}]", domain),
        RenderCase("escape", #"{{ '<a href="x">&\'</a>'|e }} {{ labels.owner|escape }}"#, domain),
        RenderCase("int", "{{ '12'|int }} {{ ' 12 '|int }} {{ '1_0'|int }} {{ '1.9'|int }} {{ 'x'|int }} {{ 'x'|int(5) }} {{ 1.9|int }} {{ -1.9|int }} {{ true|int }} {{ '0x1A'|int(0, 16) }} {{ '1e3'|int }} {{ none|int }} {{ ''|int }} {{ '-7'|int }} {{ '017'|int }}"),
        RenderCase("float", "{{ '1.5'|float }} {{ 'x'|float }} {{ 'x'|float(2) }} {{ '1e3'|float }} {{ ' 2.5 '|float }} {{ 3|float }} {{ none|float }} {{ '1_0.5'|float }} {{ true|float }}"),
        RenderCase("string lower upper trim", "{{ 12|string }} {{ none|string }} {{ name|upper }} {{ 'ÀB'|lower }} [{{ '  a b \n'|trim }}] [{{ 'xxaxx'|trim('x') }}] {{ [1]|string }}", domain),
        RenderCase("join", "{{ [1, 'a', none]|join }} {{ ['a', 'b']|join(', ') }} {{ disks|join(',', attribute='dev') }} {{ 'abc'|join('-') }}", domain),
        RenderCase("length first last", "{{ disks|length }} {{ name|count }} {{ labels|length }} {{ missing|length }} {{ disks|first }} {{ [1, 2]|last }} {{ 'xyz'|first }} [{{ []|first }}] {{ labels|first }} {{ labels|last }}", domain),
        RenderCase("replace", "{{ name|replace('-', '_') }} {{ 'aaaa'|replace('a', 'b', 2) }} {{ 'ab'|replace('', '.') }}", domain),
        RenderCase("tojson", "{{ labels|tojson }} {{ disks[1]|tojson }} {{ [1.0, none, true, 'é']|tojson }} {{ \"it's <b>\"|tojson }} {{ {'b': 1, 'a': {'d': [], 'c': {}}}|tojson(indent=2) }}", domain),
        RenderCase("list items", "{{ 'ab'|list }} {{ labels|list }} {{ (1, 2)|list }} {{ labels|items|list }} {% for k, v in labels|items %}{{ k }}:{{ v }} {% endfor %}{{ missing|items|list }}", domain),
        RenderCase("round", "{{ 3.14159|round(2) }} {{ 2.5|round }} {{ 3.5|round }} {{ 2|round }} {{ 2.675|round(2) }} {{ -2.5|round }} {{ 2.4|round(0, 'ceil') }} {{ 2.6|round(method='floor') }} {{ 1.25|round(1) }} {{ 7|round(1) }}"),
        RenderCase("filter chains and precedence", "{{ name|upper|replace('WEB', 'db') }} {{ -1|string }} {{ disks|length + 1 }} {{ 'a' ~ name|upper }} {{ labels.tier|default('x')|upper }}", domain),
        RenderCase("abs", "{{ -3|abs }} {{ (-2.5)|abs }} {{ true|abs }} {{ (vcpu - 10)|abs }}", domain),
        RenderCase("indent", "<a>\n  {{ 'x\ny\n\nz'|indent }}\n  {{ 'p\nq'|indent(2, true) }}\n{{ 'p\n\nq\n'|indent('\t', blank=true) }}|{{ ''|indent }}|{{ 'a\r\nb'|indent(1) }}\n</a>"),
        RenderCase("loop cycle", "{% for d in disks %}{{ loop.cycle('odd', 'even') }} {% endfor %}{% for i in range(5) %}{{ loop.cycle(1, 2, 3) }}{% endfor %}", domain),
        RenderCase("filters on undefined", "[{{ missing|string }}][{{ missing|lower }}][{{ missing|first }}][{{ missing|last }}][{{ missing|list }}][{{ missing|join(',') }}][{{ missing|e }}][{{ missing|replace('a', 'b') }}][{{ missing|trim }}]"),

        // map, select, reject, selectattr, rejectattr; attribute paths as make_attrgetter reads them.
        RenderCase("map attribute", "{{ disks|map(attribute='dev')|join(',') }} {{ networks|map(attribute='mac', default='auto')|list }} {{ networks|map(attribute='mac')|list }} {{ disks|map(attribute='dev')|first }}", domain),
        RenderCase("map filter", "{{ disks|map(attribute='bus')|map('upper')|join(' ') }} {{ ['a-b', 'c']|map('replace', '-', '_')|list }} {{ ['1', 'x']|map('int', default=7)|list }} {{ [[1, 2], []]|map('length')|list }}", domain),
        RenderCase("map in a loop and on nothing", "{% for dev in disks|map(attribute='dev') %}{{ loop.index }}={{ dev }} {% endfor %}[{{ missing|map(attribute='x')|list }}][{{ []|map('upper')|list }}][{{ ''|map('upper')|list }}]", domain),
        RenderCase("select and reject", "{{ [0, 1, 2, 3, none, '']|select|list }} {{ range(6)|select('odd')|list }} {{ range(6)|reject('divisibleby', 3)|list }} {{ [1, none]|reject('none')|list }} {{ ['a', 1]|select('string')|list }}"),
        RenderCase("selectattr and rejectattr", "{{ disks|selectattr('readonly')|map(attribute='dev')|list }} {{ disks|rejectattr('readonly')|map(attribute='dev')|list }} {{ networks|selectattr('mac', 'defined')|map(attribute='network')|join }} {{ networks|rejectattr('mac', 'defined')|map(attribute='network')|join }} {{ disks|selectattr('bus', 'equalto', 'sata')|list|length }} {{ disks|selectattr('bus', 'in', ['virtio', 'ide'])|map(attribute='file')|first }}", domain),
        RenderCase("attribute paths", "{{ nets|map(attribute='dhcp.start')|list }} {{ nets|join(',', attribute='ips.0') }} {{ nets|selectattr('dhcp.on')|map(attribute='name')|list }} {{ nets|map(attribute='dhcp.end', default='none')|list }} {{ [[1, 2], [3, 4]]|map(attribute='1')|list }} {{ [{'1': 'k'}]|map(attribute='1')|list }}",
                 #"{"nets": [{"name": "a", "dhcp": {"start": "10.0.0.2", "end": "10.0.0.9", "on": true}, "ips": ["10.0.0.1", "fd00::1"]}, {"name": "b", "dhcp": {"start": "10.1.0.2", "on": false}, "ips": ["10.1.0.1"]}]}"#),
        RenderCase("join attribute path", "{{ nets|join(',', attribute='ips.0') }} {{ nets|join(' ', attribute='dhcp.start') }}",
                 #"{"nets": [{"dhcp": {"start": "10.0.0.2"}, "ips": ["10.0.0.1", "fd00::1"]}, {"dhcp": {"start": "10.1.0.2"}, "ips": ["10.1.0.1"]}]}"#),
        RenderCase("map and select autoescaped", "{{ labels.values()|map('upper')|join(', ') }} {{ labels.values()|map('e')|join('&') }} {{ [labels]|map(attribute='owner')|list }}", domain, autoescape: true),
        RenderCase("error: map without a filter", "{{ [1]|map|list }}"),
        RenderCase("error: map with an unknown filter", "{{ [1]|map('frobnicate')|list }}"),
        RenderCase("error: select with an unknown test", "{{ [1]|select('frobnicate')|list }}"),
        RenderCase("error: selectattr without an attribute", "{{ [1]|selectattr|list }}"),
        RenderCase("error: map of an attribute of undefined", "{{ [{}]|map(attribute='a.b')|list }}"),
        RenderCase("error: select over a number", "{{ 3|select|list }}"),
        RenderCase("error: map with an unexpected keyword", "{{ [{}]|map(attribute='a', other=1)|list }}"),

        // sort, unique, min, max.
        RenderCase("sort", "{{ [3, 1, 2]|sort }} {{ [3, 1, 2]|sort(true) }} {{ ['b', 'A', 'a', 'B']|sort }} {{ ['b', 'A', 'a', 'B']|sort(reverse=true) }} {{ ['b', 'A', 'a']|sort(case_sensitive=true) }} {{ labels|sort }} {{ 'cab'|sort }} {{ [1.5, 1, true, 0]|sort }} {{ missing|sort }}", domain),
        RenderCase("sort by attribute", "{{ disks|sort(attribute='dev')|map(attribute='dev')|join(',') }} {{ disks|sort(attribute='dev', reverse=true)|map(attribute='file')|first }} {{ nets|sort(attribute='dhcp.start')|map(attribute='name')|list }} {{ nets|sort(attribute='ips.0', reverse=true)|map(attribute='name')|list }} {{ nets|sort(attribute='rank')|map(attribute='name')|list }} {{ nets|sort(attribute='rank', reverse=true)|map(attribute='name')|list }}",
                 #"{"disks": [{"dev": "vdb", "file": "/b"}, {"dev": "vda", "file": "/a"}], "nets": [{"name": "a", "rank": 1, "dhcp": {"start": "10.0.0.9"}, "ips": ["10.0.0.1"]}, {"name": "b", "rank": 0, "dhcp": {"start": "10.0.0.2"}, "ips": ["10.0.0.3"]}, {"name": "c", "rank": 1, "dhcp": {"start": "10.0.0.5"}, "ips": ["10.0.0.2"]}]}"#),
        RenderCase("unique", "{{ [1, 2, 1, 1.0, true, 3]|unique|list }} {{ ['a', 'A', 'b']|unique|list }} {{ ['a', 'A', 'b']|unique(case_sensitive=true)|list }} {{ disks|unique(attribute='bus')|map(attribute='dev')|list }} {{ [(1, 2), (1, 2)]|unique|list }} {{ missing|unique|list }}", domain),
        RenderCase("min max", "{{ [3, 1, 2]|min }} {{ [3, 1, 2]|max }} {{ ['b', 'A', 'c']|min }} {{ ['b', 'A', 'c']|max(case_sensitive=true) }} {{ disks|min(attribute='dev') }} {{ disks|max(attribute='dev')|tojson }} [{{ []|min }}][{{ missing|max }}] {{ [1, 1.0]|max }} {{ 'hello'|max }}", domain),
        RenderCase("sort autoescaped", "{{ ['<b', '<a']|sort }} {{ [labels.owner|e, 'a']|sort|first }} {{ ['B', 'a']|max }}", domain, autoescape: true),
        RenderCase("error: sort of mixed types", "{{ [1, 'a']|sort }}"),
        RenderCase("error: min of mixed types", "{{ [1, 'a']|min }}"),
        RenderCase("error: unique of lists", "{{ [[1], [1]]|unique|list }}"),
        RenderCase("error: sort of a number", "{{ 3|sort }}"),
        RenderCase("error: sort by an attribute of undefined", "{{ [{}, {}]|sort(attribute='a.b') }}"),

        // Slices, as Python slices through jinja2's getitem.
        RenderCase("slices", "{{ name[:3] }} {{ name[4:] }} {{ name[-1:] }} {{ name[::-1] }} {{ name[1:-1:2] }} {{ disks[1:]|length }} {{ disks[:1]|map(attribute='dev')|list }} {{ [1, 2, 3, 4, 5][::2] }} {{ [1, 2, 3, 4, 5][4:1:-1] }} {{ (1, 2, 3)[1:] }} {{ (range(10)|list)[-3:] }} {{ [1, 2][5:] }} {{ [1, 2][-9:9] }} {{ 'é€𝄞'[1:] }} {{ [1, 2, 3][true:] }} {{ [1, 2][none:none] }} {{ [1, 2, 3][::9223372036854775807] }} {{ [1, 2, 3][::-9223372036854775807 - 1] }} {{ 'abc'[-9223372036854775807 - 1:9223372036854775807] }}", domain),
        RenderCase("slices autoescaped", "{{ labels.owner[:5] }} {{ (labels.owner|e)[:5] }} {{ [labels.owner][0:] }}", domain, autoescape: true),
        RenderCase("slice in a loop and a set", "{% set first = disks[:1] %}{% for d in disks[1:] + first %}{{ d.dev }}{% if not loop.last %},{% endif %}{% endfor %} {{ (name ~ '-' ~ vcpu)[-3:]|upper }}", domain),
        RenderCase("error: subscript after a filter", "{{ [1, 2]|list[0] }}"),
        RenderCase("error: slice after a filter", "{{ range(10)|list[-3:] }}"),
        RenderCase("error: slice step zero", "{{ [1][::0] }}"),
        RenderCase("error: slice of undefined", "{{ missing[1:] }}"),
        RenderCase("error: slice of a mapping", "{{ labels[1:] }}", domain),
        RenderCase("error: slice of a number", "{{ vcpu[1:] }}", domain),
        RenderCase("error: slice by text", "{{ name['a':] }}", domain),
        RenderCase("error: slice by a float", "{{ name[1.5:] }}", domain),
        RenderCase("error: slice by undefined", "{{ name[:missing] }}", domain),
        RenderCase("error: unclosed slice", "{{ [1][1: }}"),

        // Autoescape (bluevirt renders user templates this way).
        RenderCase("autoescape values", #"<a n="{{ labels.owner }}">{{ "it's" }} {{ labels }} {{ [1, '<'] }}</a>"#, domain, autoescape: true),
        RenderCase("autoescape markup not doubled", "{{ labels.owner|e }} {{ labels.owner|e|e }} {{ labels|tojson }}", domain, autoescape: true),
        RenderCase("autoescape concat and join", "{{ name ~ '<' }} {{ labels.owner|e ~ '<' }} {{ ['<', '>']|join('&') }} {{ ['<', labels.owner|e]|join(', ') }} {{ ['<', '>']|join('&'|e) }}", domain, autoescape: true),
        RenderCase("autoescape string filters keep markup", "{{ (labels.owner|e)|upper }} {{ labels.owner|upper }} {{ (labels.owner|e)|replace('&amp;', 'and') }} {{ labels.owner|replace('&', 'and') }} {{ (name|e)|replace('-', '<') }}", domain, autoescape: true),
        RenderCase("autoescape numbers and none", "{{ vcpu }} {{ ratio }} {{ nothing }} {{ flag }} {{ missing }}", domain, autoescape: true),

        // Errors both must raise.
        RenderCase("error: attribute of undefined", "{{ missing.attr }}"),
        RenderCase("error: item of undefined", "{{ missing['x'] }}"),
        RenderCase("error: attribute of missing attribute", "{{ labels.nope.deeper }}", domain),
        RenderCase("error: arithmetic on undefined", "{{ missing + 1 }}"),
        RenderCase("error: int filter of undefined", "{{ missing|int }}"),
        RenderCase("error: str plus int", "{{ 'a' + 1 }}"),
        RenderCase("error: concat binds tighter than plus", "{{ 1 + 2 ~ 3 }}"),
        RenderCase("error: ordering str and int", "{{ 'a' < 1 }}"),
        RenderCase("error: division by zero", "{{ 1 / 0 }}"),
        RenderCase("error: modulo by zero", "{{ 1 % 0 }}"),
        RenderCase("error: not iterable", "{% for x in 3 %}{% endfor %}"),
        RenderCase("error: unpack too many", "{% for a, b in [[1, 2, 3]] %}{% endfor %}"),
        RenderCase("error: tojson of undefined", "{{ missing|tojson }}"),
        RenderCase("error: calling undefined", "{{ missing() }}"),
        RenderCase("error: calling a string", "{{ 'x'() }}"),
        RenderCase("error: unclosed if", "{% if true %}a"),
        RenderCase("error: unclosed for", "{% for x in y %}a{% endif %}"),
        RenderCase("error: stray endfor", "a{% endfor %}"),
        RenderCase("error: unknown tag", "{% frobnicate %}"),
        RenderCase("error: unknown filter", "{{ x|frobnicate }}"),
        RenderCase("error: unknown test", "{{ x is frobnicate }}"),
        RenderCase("error: unclosed variable", "{{ name"),
        RenderCase("error: unclosed comment", "{# note"),
        RenderCase("error: unclosed string", "{{ 'abc }}"),
        RenderCase("error: bad expression", "{{ 1 + }}"),
        RenderCase("error: mustache section in jinja", "{% if true %}{{#disks}}{{/disks}}{% endif %}"),
        RenderCase("error: length of int", "{{ 3|length }}"),
        RenderCase("error: too many filter arguments", "{{ 'a'|upper(1) }}"),
        RenderCase("error: unclosed raw", "{% raw %}abc"),
        RenderCase("error: unbalanced bracket", "{{ [1, 2 }}"),
        RenderCase("error: else after else", "{% if a %}{% else %}{% else %}{% endif %}"),
        RenderCase("error: elif after else", "{% if a %}{% else %}{% elif b %}{% endif %}"),
        RenderCase("error: set without value", "{% set x = %}"),
        RenderCase("error: for without in", "{% for x of y %}{% endfor %}"),
        RenderCase("error: strip marker with a space is a syntax error", "{{ name - }}"),
        RenderCase("error: item of none", "{{ nothing.x.y }}", domain),
        RenderCase("error: negative count of undefined", "{{ -missing }}"),
        RenderCase("error: a test takes the next name as its argument", "{{ x is defined if y }}"),
        RenderCase("error: chained tests", "{{ x is defined is true }}"),
        RenderCase("error: inline if in an if tag", "{% if 1 if 2 else 3 %}x{% endif %}"),
        RenderCase("error: abs of a string", "{{ 'a'|abs }}"),
        RenderCase("error: indent of undefined", "{{ missing|indent }}"),
        RenderCase("error: indent of a number", "{{ 3|indent }}"),
        RenderCase("error: unpack a string of wrong size", "{% for a, b in ['abc'] %}{% endfor %}"),
        // Macros and {% call %}.
        RenderCase("macro arguments", "{% macro disk(dev, bus='virtio', ro=false) %}<disk dev=\"{{ dev }}\" bus=\"{{ bus }}\"{% if ro %} ro{% endif %}/>{% endmacro %}{{ disk('vda') }}|{{ disk('sda', 'sata') }}|{{ disk(ro=true, dev='hdc') }}|{{ disk('vdb', ro=1) }}|[{{ disk() }}]"),
        RenderCase("macro over parameters", "{% macro iface(n) -%}\n<interface type=\"network\"><source network=\"{{ n.network }}\"/>{% if n.mac is defined %}<mac address=\"{{ n.mac }}\"/>{% endif %}</interface>\n{%- endmacro %}\n{% for n in networks %}  {{ iface(n) }}\n{% endfor %}", domain),
        RenderCase("macro autoescaped output is not escaped twice", "{% macro m(v) %}<b>{{ v }}</b>{% endmacro %}{{ m(labels.owner) }} {{ m('<') ~ '<' }} {{ m('x')|upper }} {{ m('&')|length }}", domain, autoescape: true),
        RenderCase("macro result is text", "{% macro m(v) %}{{ v }}{% endmacro %}{{ m(1) ~ 2 }} {{ m(3)|int + 1 }} {{ m('ab')|upper }} {{ m('a') == 'a' }} {{ m }} {{ m.name }} {{ m.arguments }}"),
        RenderCase("macro scope reads names at call time", "{% set x = 1 %}{% macro m() %}{{ x }}{{ y }}{% set x = 5 %}{{ x }}{% endmacro %}{% set x = 2 %}{% set y = 3 %}{{ m() }}{{ x }}{% for i in [1] %}[{{ m() }}]{% endfor %}"),
        RenderCase("macro does not see the caller's loop", "{% macro m() %}[{{ i }}]{% endmacro %}{% for i in [1, 2] %}{{ m() }}{% endfor %}"),
        RenderCase("macro in a loop sees the loop", "{% for d in disks %}{% macro m(p) %}{{ p }}{{ d.dev }}{{ loop.index }}{% endmacro %}{{ m('-') }}{% endfor %}", domain),
        RenderCase("macro defaults read earlier parameters", "{% macro m(a, b=a * 2, c=b ~ 'c') %}{{ a }},{{ b }},{{ c }}{% endmacro %}{{ m(1) }} {{ m(1, 5) }} {{ m(2, c='z') }}"),
        RenderCase("macro varargs and kwargs", "{% macro m(a) %}{{ a }}{{ varargs }}{{ kwargs }}{% endmacro %}{{ m(1) }} {{ m(1, 2, 3) }} {{ m(1, x=2) }} {{ m(a=0, y='z') }}"),
        RenderCase("recursive macro", "{% macro tree(items, depth=0) %}{% for i in items %}{{ ' ' * depth }}{{ i.name }}\n{% if i.children is defined %}{{ tree(i.children, depth + 2) }}{% endif %}{% endfor %}{% endmacro %}{{ tree(nodes) }}",
                 #"{"nodes": [{"name": "a", "children": [{"name": "b", "children": [{"name": "c"}]}, {"name": "d"}]}, {"name": "e"}]}"#),
        RenderCase("macro calling a macro and whitespace control", "{%- macro a(x) -%}\n  ({{ x }})\n{%- endmacro -%}\n{%- macro b(x) -%}\n  [{{ a(x) }}]\n{%- endmacro -%}\n{{ b(1) }}\n{{ b('y') }}"),
        RenderCase("call block", "{% macro wrap(tag) %}<{{ tag }}>{{ caller() }}</{{ tag }}>{% endmacro %}{% call wrap('devices') %}<disk dev=\"{{ disks[0].dev }}\"/>{% endcall %}", domain),
        RenderCase("call block with parameters", "{% macro each(items) %}{% for i in items %}{{ caller(i, loop.index) }}{% endfor %}{% endmacro %}{% call(d, n) each(disks) %}{{ n }}:{{ d.dev }};{% endcall %}", domain),
        RenderCase("call block autoescaped", "{% macro wrap() %}<w>{{ caller() }}</w>{% endmacro %}{% call wrap() %}{{ labels.owner }}&{% endcall %}", domain, autoescape: true),
        RenderCase("caller without call is undefined", "{% macro m() %}{% if caller is defined %}c{% else %}none{% endif %}{% endmacro %}{{ m() }}"),
        RenderCase("macro in a set", "{% macro m(x) %}{{ x }}!{% endmacro %}{% set v = m('a') %}{{ v }}{{ v|length }}"),
        RenderCase("error: macro called with too many arguments", "{% macro m(x) %}{{ x }}{% endmacro %}{{ m(1, 2) }}"),
        RenderCase("error: macro called with an unknown keyword", "{% macro m(x) %}{{ x }}{% endmacro %}{{ m(y=1) }}"),
        RenderCase("error: macro parameter given twice", "{% macro m(x) %}{{ x }}{% endmacro %}{{ m(1, x=2) }}"),
        RenderCase("error: attribute of a parameter not given", "{% macro m(x, y) %}{{ y.z }}{% endmacro %}{{ m(1) }}"),
        RenderCase("error: caller of a macro called without a call block", "{% macro m() %}{{ caller() }}{% endmacro %}{{ m() }}"),
        RenderCase("error: call block to a macro that takes no caller", "{% macro m() %}x{% endmacro %}{% call m() %}y{% endcall %}"),
        RenderCase("error: macro called before it is defined", "{{ m() }}{% macro m() %}x{% endmacro %}"),
        RenderCase("error: macro without endmacro", "{% macro m() %}x"),
        RenderCase("error: default before a parameter without one", "{% macro m(a=1, b) %}{% endmacro %}"),
        RenderCase("error: call block without a call", "{% call m %}x{% endcall %}"),
        RenderCase("error: stray endmacro", "{% endmacro %}"),

        // namespace().
        RenderCase("namespace in a loop", "{% set ns = namespace(total=0, names=[]) %}{% for d in disks %}{% set ns.total = ns.total + 1 %}{% set ns.names = ns.names + [d.dev] %}{% endfor %}{{ ns.total }} {{ ns.names|join(',') }} {{ ns }}", domain),
        RenderCase("namespace found and flags", "{% set ns = namespace(found=false) %}{% for n in networks %}{% if n.mac is defined %}{% set ns.found = true %}{% endif %}{% endfor %}{{ ns.found }} {{ ns.missing }}|{{ ns['found'] }}", domain),
        RenderCase("namespace from a mapping and pairs", "{% set a = namespace({'x': 1}, y=2) %}{% set b = namespace([('k', 'v')]) %}{{ a.x }}{{ a.y }}{{ b.k }} {{ namespace() }}"),
        RenderCase("namespace across a macro", "{% set ns = namespace(n=0) %}{% macro bump() %}{% set ns.n = ns.n + 1 %}{% endmacro %}{{ bump() }}{{ bump() }}{{ ns.n }}"),
        RenderCase("namespace autoescaped", "{% set ns = namespace(v=labels.owner) %}{{ ns.v }} {{ ns }}", domain, autoescape: true),
        RenderCase("error: set attribute of a non-namespace", "{% set x = 1 %}{% set x.y = 2 %}"),
        RenderCase("error: set a nested attribute", "{% set ns = namespace() %}{% set ns.y.z = 2 %}"),
        RenderCase("error: namespace of a number", "{{ namespace(1) }}"),
        RenderCase("error: attribute of a missing namespace attribute", "{% set ns = namespace(a=1) %}{{ ns.b.c }}"),
        RenderCase("error: namespace to json", "{{ namespace(a=1)|tojson }}"),

        // {% include %}.
        RenderCase("include sees the context, the loop's variables and macros, not loop itself", "{% macro m() %}M{% endmacro %}{% for d in disks %}{% set n = loop.index %}{% include 'disk.xml' %}{% endfor %}[{{ inner }}]",
                 domain, files: ["disk.xml": "<disk dev=\"{{ d.dev }}\" n=\"{{ n }}\">{{ name }}{{ m() }}{{ loop is defined }}</disk>{% set inner = 1 %}\n"]),
        RenderCase("include in a macro sees its parameters, not caller or varargs", "{% macro w(x) %}{% include 'i' %}{{ caller() }}{{ varargs }}{% endmacro %}{% call w(5) %}c{% endcall %}",
                 #"{"loop": "context loop"}"#, files: ["i": "{{ x }}{{ caller is defined }}{{ varargs is defined }}{{ loop }}"]),
        RenderCase("include nested, ignore missing, first of a list", "{% include 'a' %}|{% include 'nope' ignore missing %}|{% include ['nope', 'b'] %}|{% include 'b' without context %}|{% include 'b' with context %}",
                 #"{"x": 1}"#, files: ["a": "a{% include 'b' %}", "b": "b{{ x }}"]),
        RenderCase("include whitespace control", "<a>\n  {%- include 'i' %}\n</a>", files: ["i": "\n  <i/>\n"]),
        RenderCase("include autoescaped", "{% include 'i' %}", domain, autoescape: true, files: ["i": "{{ labels.owner }}<raw/>"]),
        RenderCase("include changes a namespace", "{% set ns = namespace(v=1) %}{% include 'ns' %}{% include 'ns' %}{{ ns.v }}", files: ["ns": "{% set ns.v = ns.v * 10 %}"]),
        RenderCase("include by a computed name", "{% for kind in ['a', 'b'] %}{% include 'dev-' ~ kind %}{% endfor %}", files: ["dev-a": "A", "dev-b": "B"]),
        RenderCase("error: include of a missing template", "{% include 'nope' %}", files: ["a": ""]),
        RenderCase("error: include of an empty list", "{% include [] %}", files: ["a": ""]),
        RenderCase("error: include of a number", "{% include 3 %}", files: ["a": ""]),
        RenderCase("error: error inside an included template", "{% include 'bad' %}", files: ["bad": "x\n{{ missing.attr }}"]),
        RenderCase("error: syntax error inside an included template", "{% include 'bad' %}", files: ["bad": "{% if %}"]),
        RenderCase("error: macro of an included template is not exported", "{% include 'm' %}{{ mm() }}", files: ["m": "{% macro mm() %}x{% endmacro %}"]),

        // Text filters.
        RenderCase("title and capitalize", "{{ 'hello world-wide (web)'|title }} {{ 'hELLO wORLD'|capitalize }} {{ name|title }} {{ 'x_y z9a'|title }} {{ ''|title }}|{{ ''|capitalize }}|{{ \"it's\"|title }} {{ 'ǆa'|capitalize }}", domain),
        RenderCase("center wordcount", "[{{ 'ab'|center(7) }}][{{ 'abc'|center(6) }}][{{ 'abc'|center(2) }}][{{ 'a'|center }}] {{ 'one two, three_four 5'|wordcount }} {{ ''|wordcount }} {{ 12|wordcount }}"),
        RenderCase("truncate", "{{ 'The quick brown fox jumps'|truncate(12) }}|{{ 'The quick brown fox jumps'|truncate(12, true) }}|{{ 'The quick brown fox jumps'|truncate(12, end='!') }}|{{ 'short'|truncate(3) }}|{{ 'abcdefghij'|truncate(5, leeway=0) }}|{{ 'abcdefghij'|truncate(5, true, '', 0) }}|[{{ missing|truncate }}]"),
        RenderCase("format", "{{ '%s-%d'|format(name, vcpu) }} {{ '%05.1f|%-5s|%5s|%x|%X|%#o|%+d|% d|%e|%g|%%|%c|%r|%i|%3d'|format(3.14159, 'ab', 'cd', 255, 255, 8, 5, 5, 12345.678, 0.0001, 65, 'q', 7.9, -4) }} {{ '%(a)s=%(b)05d'|format(a='x', b=42) }} {{ '%s'|format([1, 'a']) }} {{ '%.2s'|format('abc') }} {{ '%*d|%-*d|'|format(4, 1, 3, 2) }}", domain),
        RenderCase("percent operator", "{{ '%s is %d MiB' % (name, memory_size // 1024) }} {{ '%s' % 'x' }} {{ '%(k)s' % {'k': 1} }} {{ 'no args' % () }} {{ '%s' % {'k': 1} }} {{ '%5.2f%%' % 12.345 }} {{ '%x' % true }}", domain),
        RenderCase("format autoescaped", "{{ '<%s>'|format(labels.owner) }} {{ ('<%s>'|e)|format('&') }} {{ '%s' % (labels.owner|e) }}", domain, autoescape: true),
        RenderCase("urlencode", "{{ 'a b/c?d=é&'|urlencode }} {{ {'q': 'a b', 'x': '1/2'}|urlencode }} {{ [('a', 1), ('b', none)]|urlencode }} {{ 12|urlencode }} [{{ missing|urlencode }}]"),
        RenderCase("xmlattr", "<disk{{ {'type': 'file', 'device': 'disk', 'skip': none, 'missing': missing, 'q': 'a\"<b'}|xmlattr }}/> <x{{ {'a': 1}|xmlattr(false) }}/>[{{ {}|xmlattr }}]"),
        RenderCase("xmlattr autoescaped", "<d{{ {'n': labels.owner, 'm': labels.owner|e}|xmlattr }}/>", domain, autoescape: true),
        RenderCase("filesizeformat", "{{ 1|filesizeformat }} {{ 300|filesizeformat }} {{ 1000|filesizeformat }} {{ 1048576|filesizeformat(true) }} {{ memory_size * 1024|filesizeformat }} {{ 1e30|filesizeformat }} {{ '2048'|filesizeformat(binary=true) }}", domain),
        RenderCase("error: format with both kinds of arguments", "{{ '%s'|format(1, a=2) }}"),
        RenderCase("error: format with too few arguments", "{{ '%s %s'|format(1) }}"),
        RenderCase("error: format with too many arguments", "{{ '%s'|format(1, 2) }}"),
        RenderCase("error: format of a number with %d of a text", "{{ '%d'|format('x') }}"),
        RenderCase("error: format with a bad conversion", "{{ '%q'|format(1) }}"),
        RenderCase("error: format with a key and no mapping", "{{ '%(a)s'|format(1) }}"),
        RenderCase("error: percent of a text by a number with nothing to fill", "{{ 'x' % 5 }}"),
        RenderCase("error: truncate shorter than its end", "{{ 'abcdef'|truncate(2) }}"),
        RenderCase("error: xmlattr with a bad name", "{{ {'a b': 1}|xmlattr }}"),
        RenderCase("error: xmlattr of a list", "{{ [1]|xmlattr }}"),
        RenderCase("error: center of a text by a text", "{{ 'a'|center('x') }}"),

        // Collection filters.
        RenderCase("sum", "{{ [1, 2, 3]|sum }} {{ [1.5, 2]|sum }} {{ disks|sum(attribute='size') }} {{ [[1], [2]]|sum(start=[]) }} {{ []|sum }} {{ missing|sum }} {{ [1, 2]|sum(start=10) }} {{ {'a': 1}|sum(start='') if false else 0 }}",
                 #"{"disks": [{"size": 10}, {"size": 20.5}]}"#),
        RenderCase("batch and slice", "{{ range(7)|batch(3)|list }} {{ range(7)|batch(3, 'x')|list }} {{ range(7)|slice(3)|list }} {{ range(7)|slice(3, 0)|list }} {{ []|batch(2)|list }} {{ range(2)|slice(4)|list }} {% for row in 'abcde'|batch(2) %}{{ row|join }};{% endfor %}"),
        RenderCase("dictsort", "{{ labels|dictsort }} {{ {'b': 2, 'A': 3, 'a': 1}|dictsort }} {{ {'b': 2, 'A': 3, 'a': 1}|dictsort(true) }} {{ {'b': 2, 'a': 3}|dictsort(by='value') }} {{ {'b': 2, 'a': 3}|dictsort(reverse=true) }} {% for k, v in {'z': 1, 'y': 2}|dictsort %}{{ k }}={{ v }};{% endfor %}", domain),
        RenderCase("groupby", "{% for g in disks|groupby('bus') %}{{ g.grouper }}:{{ g.list|map(attribute='dev')|join(',') }};{% endfor %} {% for bus, items in disks|groupby('bus') %}{{ bus }}={{ items|length }};{% endfor %} {{ [{'t': 'B'}, {'t': 'b'}, {'t': 'a'}]|groupby('t') }} {{ [{'t': 'B'}, {'t': 'b'}]|groupby('t', case_sensitive=true)|map(attribute='grouper')|list }} {{ [{'t': 1}, {}]|groupby('t', default=0)|list }} {{ (disks|groupby('bus'))[0][0] }}",
                 #"{"disks": [{"dev": "vda", "bus": "virtio"}, {"dev": "sda", "bus": "sata"}, {"dev": "vdb", "bus": "virtio"}]}"#),
        RenderCase("groupby to json", "{{ [{'t': 1}]|groupby('t')|tojson }}"),
        RenderCase("reverse", "{{ 'abc'|reverse }} {{ [1, 2, 3]|reverse|list }} {{ labels|reverse|list }} {{ (1, 2)|reverse|join }} {% for d in disks|reverse %}{{ d.dev }}{% endfor %}", domain),
        RenderCase("error: sum of texts", "{{ ['a', 'b']|sum }}"),
        RenderCase("error: sum with an undefined item", "{{ [{}]|sum(attribute='x') }}"),
        RenderCase("error: slice into zero", "{{ [1]|slice(0)|list }}"),
        RenderCase("error: dictsort of a list", "{{ [1]|dictsort }}"),
        RenderCase("error: dictsort by something else", "{{ {'a': 1}|dictsort(by='x') }}"),
        RenderCase("error: groupby of mixed types", "{{ [{'t': 1}, {'t': 'a'}]|groupby('t') }}"),
        RenderCase("error: reverse of a number", "{{ 3|reverse }}"),
    ]
}
