import Engine
import Foundation
import StateStore
import Testing

@Suite("Script operations", .enabled(if: ScriptTestBench.hasBinary, "needs the built bluevirt binary, which acts as ctx: run with swift test (it builds it)"))
struct ScriptRunnerTests {
    @Test("a bash script sets runtime properties through ctx and logs through ctx logger")
    func bashSetsRuntimeProperties() async throws {
        let bench = try ScriptTestBench()
        let script = try bench.script("scripts/configure.sh", """
            #!/bin/bash
            set -e
            echo "configuring $(ctx node properties image.name) for $(ctx deployment id)/$(ctx instance id)"
            ctx instance runtime-properties address 10.0.0.5
            ctx instance runtime-properties port 8080
            ctx instance runtime_properties settings.mode fast
            ctx logger info "configured at $(ctx instance runtime-properties address)"
            """)
        let properties = try await bench.runner.run(script: script, context: bench.context(properties: ["image": .object(["name": .string("debian-12")])]))
        #expect(properties.properties == ["address": .string("10.0.0.5"), "port": .integer(8080), "settings": .object(["mode": .string("fast")])])
        #expect(bench.log == ["configuring debian-12 for shop/web-2", "[info] configured at 10.0.0.5"])
    }

    @Test("a python script written for Cloudify runs through the cloudify shim",
          .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/python3"), "needs python3"))
    func pythonShim() async throws {
        let bench = try ScriptTestBench()
        let script = try bench.script("scripts/configure.py", """
            from cloudify import ctx
            from cloudify.state import ctx_parameters as inputs
            from cloudify.exceptions import NonRecoverableError

            ctx.logger.info("configuring %s of %s", ctx.instance.id, ctx.deployment.id)
            ctx.instance.runtime_properties["greeting"] = "hello " + inputs["who"]
            ctx.instance.runtime_properties["ports"] = [ctx.node.properties["port"]]
            ctx.instance.runtime_properties["ports"].append(443)
            print("node " + ctx.node.id)
            # Cloudify's ctx_parameters reads keys as attributes too, None when absent.
            print("attributes", inputs.who, inputs.nobody)
            """, executable: false)
        let properties = try await bench.runner.run(script: script, context: bench.context(inputs: ["who": .string("world")], properties: ["port": .integer(80)]))
        #expect(properties.properties == ["greeting": .string("hello world"), "ports": .array([.integer(80), .integer(443)])])
        #expect(bench.log.contains("[info] configuring web-2 of shop"))
        #expect(bench.log.contains("node web"))
        #expect(bench.log.contains("attributes world None"))
    }

    /// The logger lines go to the changes file and the printed ones to the output pipe: read in
    /// one loop, output first, a logger line used to come out after what the script printed next.
    @Test("ctx logger lines keep their place among what a shell script prints, also after a line it has not finished")
    func shellLoggerLinesKeepTheirPlace() async throws {
        let bench = try ScriptTestBench()
        let script = try bench.script("scripts/steps.sh", """
            #!/bin/bash
            for step in 1 2 3 4 5; do
              echo "out $step"
              ctx logger info "logged $step"
              echo "err $step" >&2
            done
            printf 'unfinished '
            ctx logger warning "after it"
            ctx logger error "not in the pipe" >/dev/null 2>&1
            echo done
            """)
        _ = try await bench.runner.run(script: script, context: bench.context())
        // A line that could not go into the pipe comes through the changes file, read on the
        // supervisor's next poll: after the lines before it, before or after "done" by timing.
        let outside = "[error] not in the pipe"
        let log = bench.log
        #expect(log.filter { $0 != outside } == (1...5).flatMap { ["out \($0)", "[info] logged \($0)", "err \($0)"] }
            + ["unfinished ", "[warning] after it", "done"])
        let position = try #require(log.firstIndex(of: outside), "\(log)")
        #expect(log.count(where: { $0 == outside }) == 1 && position > log.firstIndex(of: "[warning] after it")!, "\(log)")
    }

    @Test("ctx.logger lines keep their place among what a python script prints",
          .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/python3"), "needs python3"))
    func pythonLoggerLinesKeepTheirPlace() async throws {
        let bench = try ScriptTestBench()
        let script = try bench.script("scripts/steps.py", """
            import sys
            from cloudify import ctx
            for step in range(1, 6):
                print("out %d" % step)
                ctx.logger.info("logged %d", step)
                sys.stderr.write("err %d\\n" % step)
            """, executable: false)
        _ = try await bench.runner.run(script: script, context: bench.context())
        #expect(bench.log == (1...5).flatMap { ["out \($0)", "[info] logged \($0)", "err \($0)"] })
    }

    @Test("inputs, ids and the context file reach the script in its blueprint's folder")
    func environment() async throws {
        let bench = try ScriptTestBench()
        let script = try bench.script("env.sh", """
            echo "name=$name count=$count tags=$tags"
            echo "ids=$BLUEVIRT_DEPLOYMENT_ID $DEPLOYMENT_ID $BLUEVIRT_NODE_ID $BLUEVIRT_INSTANCE_ID $BLUEVIRT_OPERATION"
            echo "cwd=$(pwd -P)"
            grep -q '"instance":{"id":"web-2"' "$BLUEVIRT_CONTEXT" && grep -q '"name":"web server"' "$BLUEVIRT_CONTEXT" && echo "context=ok"
            """, executable: false)
        _ = try await bench.runner.run(script: script, context: bench.context(inputs: [
            "name": .string("web server"), "count": .integer(3), "tags": .array([.string("a"), .string("b")]),
        ]))
        #expect(bench.log == [
            "name=web server count=3 tags=[\"a\",\"b\"]",
            "ids=shop shop web web-2 cloudify.interfaces.lifecycle.configure",
            "cwd=\(bench.directory.resolvingSymlinksInPath().path)",
            "context=ok",
        ])
    }

    @Test("stdout and stderr lines reach the log in order")
    func outputLines() async throws {
        let bench = try ScriptTestBench()
        let script = try bench.script("lines.sh", """
            #!/bin/sh
            echo one
            echo two >&2
            printf 'three\\nfour'
            """)
        _ = try await bench.runner.run(script: script, context: bench.context())
        #expect(bench.log == ["one", "two", "three", "four"])
    }

    @Test("a failing script's error names it, its status and its last 20 lines")
    func failure() async throws {
        let bench = try ScriptTestBench()
        let script = try bench.script("scripts/fail.sh", """
            #!/bin/bash
            for i in $(seq 1 30); do echo "line $i"; done
            ctx instance runtime-properties step half
            echo "disk full" >&2
            exit 3
            """)
        let failure = try await #require(throws: ScriptFailure.self) {
            try await bench.runner.run(script: script, context: bench.context())
        }
        #expect(failure.reason == .exitStatus(3))
        #expect(failure.isRetryable)
        #expect(failure.changes.properties == ["step": .string("half")])
        #expect(failure.lastLines.count == 20)
        #expect(failure.lastLines.last == "disk full")
        #expect(failure.description.hasPrefix("script 'scripts/fail.sh' exited with status 3; its last lines of output:"))
        #expect(failure.description.contains("  | line 30"))
        #expect(!failure.description.contains("line 10\n"))
        #expect(bench.log.count == 31)
    }

    @Test("a script that outlives its timeout is stopped with everything it started")
    func timeout() async throws {
        let bench = try ScriptTestBench()
        let script = try bench.script("slow.sh", """
            #!/bin/bash
            sleep 600 &
            echo $! > child.pid
            echo $$ > script.pid
            wait
            """)
        let failure = try await #require(throws: ScriptFailure.self) {
            try await bench.runner.run(script: script, context: bench.context(timeout: .seconds(1)))
        }
        #expect(failure.reason == .timeout(.seconds(1)))
        #expect(failure.description.contains("did not finish within its timeout of 1s"))
        let child = try await bench.processID(in: "child.pid"), main = try await bench.processID(in: "script.pid")
        #expect(!ScriptTestBench.isAlive(main))
        #expect(!ScriptTestBench.isAlive(child))
    }

    @Test("a script that ignores SIGTERM is killed after the grace period")
    func killAfterGrace() async throws {
        let bench = try ScriptTestBench()
        let script = try bench.script("stubborn.sh", """
            #!/bin/bash
            trap '' TERM
            echo $$ > script.pid
            while true; do sleep 1; done
            """)
        let failure = try await #require(throws: ScriptFailure.self) {
            try await bench.runner.run(script: script, context: bench.context(timeout: .milliseconds(300)))
        }
        #expect(failure.reason == .timeout(.milliseconds(300)))
        #expect(!ScriptTestBench.isAlive(try await bench.processID(in: "script.pid")))
    }

    @Test("cancelling the task stops the script's process group")
    func cancellation() async throws {
        let bench = try ScriptTestBench()
        let script = try bench.script("wait.sh", """
            #!/bin/bash
            sleep 600 &
            echo $! > child.pid
            wait
            """)
        let runner = bench.runner, context = bench.context()
        let task = Task { try await runner.run(script: script, context: context) }
        let child = try await bench.processID(in: "child.pid")
        task.cancel()
        let failure = try await #require(throws: ScriptFailure.self) { try await task.value }
        #expect(failure.reason == .cancelled)
        #expect(!ScriptTestBench.isAlive(child))
    }

    @Test("a file bluevirt cannot start fails before anything runs")
    func notRunnable() async throws {
        let bench = try ScriptTestBench()
        let script = try bench.script("configure", "echo hi\n", executable: false)
        let failure = try await #require(throws: ScriptFailure.self) {
            try await bench.runner.run(script: script, context: bench.context())
        }
        #expect(failure.description.contains("chmod +x"))
        #expect(!failure.isRetryable)
        #expect(bench.log.isEmpty)
    }
}
