import Testing
import YAMLSource
@testable import Blueprint

/// A deployment schedule's times and fields, checked as Cloudify's parser checks them when the
/// blueprint is uploaded (found by the parity harness's `settings` cases).
@Suite("Deployment schedules")
struct DeploymentScheduleTests {
    let files = TemporaryBlueprints()

    private func errors(_ fields: String) -> [DiagnosticCode] {
        let text = """
            tosca_definitions_version: cloudify_dsl_1_5
            node_types:
              t: {}
            node_templates:
              n: {type: t}
            deployment_settings:
              default_schedules:
                s:
                  workflow: install

            """
        return files.load("main.yaml", text + fields).diagnostics.errors.map(\.code)
    }

    @Test("since and until are 'YYYY-MM-DD HH:MM', 'HH:MM' or '+' and time deltas", arguments: [
        ("2030-01-01 12:00", true), ("12:00", true), ("1:5", true), ("2028-02-29 01:05", true), ("2030-1-1  3:07", true),
        ("+1d", true), ("+1 day+2h", true), ("+", true),
        ("tomorrow", false), ("2030-13-01 12:00", false), ("2030-02-29 12:00", false), ("2030-01-01T12:00:00", false),
        ("24:00", false), (" 12:00", false), ("0000-01-01 00:00", false), ("+1 fortnight", false), ("+1 day +2h", false),
    ])
    func timeExpressions(_ text: String, _ accepted: Bool) {
        #expect((ScheduleTime.problem(text, timezone: nil) == nil) == accepted, "\(text)")
    }

    @Test("a timezone is a name of the time zone database; an offset like GMT+5 is not one")
    func timezones() {
        for name in ["Europe/Paris", "UTC", "EST", "Etc/GMT+5", "GMT+0"] {
            #expect(ScheduleTime.isZoneName(name), "\(name)")
        }
        // PST, IST and JST are abbreviations ICU took (through corelibs Foundation) and pytz does not.
        for name in ["Mars/Olympus", "europe/paris", "GMT+5", "UTC-3", "PST", "IST", "JST"] {
            #expect(!ScheduleTime.isZoneName(name), "\(name)")
        }
    }

    @Test("validate reports a since, until or timezone Cloudify cannot read; an empty until is none")
    func timesInBlueprint() {
        defer { files.remove() }
        #expect(errors("      since: '12:00'\n      until: '2031-01-01 00:00'\n      timezone: Europe/Paris\n") == [])
        #expect(errors("      since: tomorrow\n") == [.invalidSchedule])
        #expect(errors("      since: '12:00'\n      until: never\n") == [.invalidSchedule])
        #expect(errors("      since: '12:00'\n      timezone: Mars/Olympus\n") == [.invalidSchedule])
        // A relative since is not read in a timezone, so Cloudify does not look the name up.
        #expect(errors("      since: '+1h'\n      timezone: Mars/Olympus\n") == [])
        #expect(errors("      since: '12:00'\n      until: ''\n") == [])
    }

    @Test("a schedule's fields have Cloudify's types; execution_arguments has Cloudify's keys")
    func fieldTypes() {
        defer { files.remove() }
        let since = "      since: '12:00'\n"
        #expect(errors(since + "      count: 3\n      slip: 5\n      default_enabled: true\n      stop_after_fail: false\n") == [])
        #expect(errors(since + "      count: three\n") == [.wrongShape])
        #expect(errors(since + "      slip: x\n") == [.wrongShape])
        #expect(errors(since + "      default_enabled: maybe\n") == [.wrongShape])
        #expect(errors(since + "      stop_after_fail: 1\n") == [.wrongShape])
        #expect(errors(since + "      timezone: 5\n") == [.wrongShape])
        #expect(errors(since + "      execution_arguments: {force: true, is_dry_run: false, wait_after_fail: 5, allow_custom_parameters: true}\n") == [])
        #expect(errors(since + "      execution_arguments: {queue: true}\n") == [.unknownKey])
        #expect(errors(since + "      execution_arguments: {force: yes_please}\n") == [.wrongShape])
    }
}
