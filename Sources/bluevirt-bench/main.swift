// bluevirt-bench: the in-process measurement of the benchmark (bench/run-validate-bench.sh).
//
// Loads and checks one blueprint several times with `BlueprintLoader.load(path:)`, the call
// `bluevirt validate` makes, and, to show where the time goes, builds only its YAML node tree
// with `YAMLLoader.load(contentsOf:)` as often. Prints one line a script can read:
//   first_ms=<cold first load> median_ms=<float> min_ms=<float> yaml_median_ms=<float>
//   runs=<n> peak_rss_kib=<int> errors=<int> warnings=<int>
// Each run starts from the file on disk, so reading it is part of every run, as it is for the
// libyaml floor it is compared with. The first load is reported on its own (it pays for
// one-time set-up such as the built-in grammar) and left out of the median. Peak RSS is taken
// after the full loads, before the YAML-only runs.

import Blueprint
import Foundation
import YAMLSource

/// The peak resident set size of this process so far, in KiB.
func peakResidentKiB() -> Int {
    var usage = rusage()
    #if os(Linux)
    _ = getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    return Int(usage.ru_maxrss)  // KiB on Linux
    #else
    _ = getrusage(RUSAGE_SELF, &usage)
    return Int(usage.ru_maxrss) / 1024  // bytes on Darwin
    #endif
}

/// Wall-clock times in milliseconds of `runs` calls of `body`.
func timings(runs: Int, _ body: () -> Void) -> [Double] {
    let clock = ContinuousClock()
    return (0..<runs).map { _ in
        let (seconds, attoseconds) = clock.measure(body).components
        return Double(seconds) * 1_000 + Double(attoseconds) / 1e15
    }
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data((message + "\n").utf8))
    exit(2)
}

let arguments = CommandLine.arguments
guard arguments.count == 2 || arguments.count == 3,
      let runs = arguments.count == 3 ? Int(arguments[2]) : 10, runs >= 1 else {
    fail("usage: bluevirt-bench BLUEPRINT [RUNS]   (RUNS >= 1, default 10)")
}
let path = arguments[1]

// The cold first load, whose diagnostics tell whether the blueprint was fully validated.
var diagnostics: [Diagnostic] = []
let first = timings(runs: 1) { diagnostics = BlueprintLoader.load(path: path).diagnostics }[0]
let errors = diagnostics.filter { $0.severity == .error }
let warnings = diagnostics.count { $0.severity == .warning }
// A rejected blueprint would measure an early exit, not a validation: show why.
for diagnostic in errors.prefix(5) {
    let start = diagnostic.range.start
    let line = "\(diagnostic.range.file):\(start.line):\(start.column): error: \(diagnostic.message) [\(diagnostic.code.id)]\n"
    FileHandle.standardError.write(Data(line.utf8))
}

let full = timings(runs: runs) { _ = BlueprintLoader.load(path: path) }
let peak = peakResidentKiB()
let yamlOnly = timings(runs: runs) { _ = YAMLLoader.load(contentsOf: path) }

print(String(
    format: "first_ms=%.2f median_ms=%.2f min_ms=%.2f yaml_median_ms=%.2f runs=%d peak_rss_kib=%d errors=%d warnings=%d",
    first, median(full), full.min()!, median(yamlOnly), runs, peak, errors.count, warnings
))
