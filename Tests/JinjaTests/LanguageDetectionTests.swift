import Jinja
import Testing

/// The rule that tells a Jinja2 template from a Mustache one.
@Suite struct LanguageDetectionTests {
    @Test("Jinja2 evidence", arguments: [
        "{% for d in disks %}{% endfor %}", "{# note #}<domain/>", "{{ name|e }}", "{{ vcpu + 1 }}",
        "{{ disks[0].dev }}", "{{ d.get('x') }}", "{{ 'text' }}", "{{ x if y else z }}", "{{- name }}", "{{ name -}}",
        "{{ x is defined }}",
    ])
    func jinja(text: String) {
        #expect(TemplateLanguage.detect(text).language == .jinja)
    }

    @Test("Mustache evidence", arguments: [
        "{{#disks}}{{>disk}}{{/disks}}", "{{^networks}}none{{/networks}}", "{{<domain-qemu}}{{$devices}}{{/devices}}{{/domain-qemu}}",
        "{{! comment }}{{name}}", "{{{name}}}", "{{&name}}",
    ])
    func mustache(text: String) {
        #expect(TemplateLanguage.detect(text).language == .mustache)
    }

    @Test("plain names are valid in both")
    func either() {
        #expect(TemplateLanguage.detect("<name>{{ name }}</name><m>{{memory_size}}</m>{{ metadata.node }}").language == .either)
        #expect(TemplateLanguage.detect("<domain/>").language == .either)
    }

    @Test("an unfinished tag is evidence of neither: the other tags decide")
    func unfinished() {
        #expect(TemplateLanguage.detect("<domain type=\"{{domain_type}}\"><name>{{name}</name>\n</domain>\n").language == .either)
        #expect(TemplateLanguage.detect("<name>{{name}</name>{{#disks}}{{/disks}}").language == .mustache)
        #expect(TemplateLanguage.detect("<name>{{name}</name>{{ name|e }}").language == .jinja)
    }

    @Test("Jinja2 evidence wins over Mustache evidence, so the Mustache tags become positioned errors")
    func mixed() {
        #expect(TemplateLanguage.detect("{{#disks}}{% if x %}{% endif %}{{/disks}}").language == .jinja)
    }

    @Test("markers and file names decide first")
    func explicit() {
        #expect(TemplateLanguage.detect("{# jinja2 #}\n<name>{{ name }}</name>").language == .jinja)
        #expect(TemplateLanguage.detect("{{! mustache }}\n<name>{{ name }}</name>").language == .mustache)
        #expect(TemplateLanguage.detect("<name>{{ name }}</name>", fileName: "templates/vm.xml.j2").language == .jinja)
        #expect(TemplateLanguage.detect("<name>{{ name }}</name>", fileName: "vm.jinja2").language == .jinja)
        #expect(TemplateLanguage.detect("{{ name|e }}", fileName: "vm.xml.mustache").language == .mustache)
        #expect(TemplateLanguage.detect("<name>{{ name }}</name>", fileName: "vm.xml").language == .either)
    }
}
