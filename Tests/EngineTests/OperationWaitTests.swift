import Blueprint
import YAMLSource
@testable import Engine
import Testing

/// An operation's timeout and retry_interval, and a script's retry_after: a blueprint's beyond a
/// year are refused when it loads, and at run time no value stops bluevirt (one recorded by an
/// older bluevirt, or a script's request, waits a year at most).
@Suite struct OperationWaitTests {
    @Test("waits beyond what a Duration holds are a year; NaN and negatives are none", arguments: [
        (1e17, Duration.seconds(31_536_000)), (1e300, .seconds(31_536_000)), (Double.infinity, .seconds(31_536_000)),
        (Double.nan, .zero), (-1, .zero), (0, .zero), (1.5, .milliseconds(1500)), (31_536_000, .seconds(31_536_000)),
    ])
    func clamped(seconds: Double, expected: Duration) {
        #expect(Duration.operationWait(seconds: seconds) == expected)
    }

    @Test("a retry_interval the loader did not check (a state's, an IR made in code) retries after a year, not a crash")
    func retryPolicy() {
        let operation = Operation(name: "create", implementation: "x.sh", inputs: NameTable(), inputSchemas: NameTable(), executor: nil, maxRetries: 2,
                                  retryInterval: 1e17, timeout: .infinity,
                                  range: SourceRange(file: "x.yaml", start: SourceLocation(line: 1, column: 1), end: SourceLocation(line: 1, column: 2)))
        #expect(RetryPolicy(operation).interval == .seconds(31_536_000))
    }
}
