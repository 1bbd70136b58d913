import Engine
import Foundation
import StateStore
import Synchronization
import Testing

/// The python `cloudify` package: runtime properties with a dict's semantics, Cloudify's
/// exceptions and what they mean for retries, the operation's retry API, ids, resources, and
/// `ctx.instance.relationships`.
@Suite("Python ctx", .enabled(if: ScriptTestBench.hasBinary && FileManager.default.isExecutableFile(atPath: "/usr/bin/python3"),
                              "needs python3 and the built bluevirt binary, which acts as ctx"))
struct ScriptPythonCtxTests {
    @Test("runtime properties behave as a dict; sets, deletions and in-place changes are recorded")
    func dictSemantics() async throws {
        let bench = try ScriptTestBench()
        let script = try bench.script("scripts/props.py", """
            from cloudify import ctx
            props = ctx.instance.runtime_properties
            assert not props.dirty
            assert 'old' in props and props.get('nothing', 5) == 5 and props['nested']['list'] == [1]
            props['nested']['list'].append(2)          # in place: recorded at exit
            props.setdefault('fresh', {'a': 1})
            props.update(count=3)
            del props['old']
            assert props.pop('gone', 'default') == 'default'
            props['temp'] = 1
            props.pop('temp')
            assert props.dirty
            ctx.instance.update()
            print(sorted(props.keys()))
            """, executable: false)
        let output = try await bench.runner.run(script: script, context: bench.context(runtimeProperties: [
            "old": .string("x"), "nested": .object(["list": .array([.integer(1)])]), "kept": .bool(true),
        ]))
        #expect(output.properties == ["nested": .object(["list": .array([.integer(1), .integer(2)])]),
                                      "fresh": .object(["a": .integer(1)]), "count": .integer(3)])
        #expect(output.own.removed == ["old", "temp"])
        #expect(bench.log == ["['count', 'fresh', 'kept', 'nested']"])
    }

    @Test("_set_changed() records values changed in place at once; an unstorable value raises at the line that set it")
    func setChangedAndUnstorableValues() async throws {
        let bench = try ScriptTestBench()
        let script = try bench.script("scripts/changed.py", """
            from cloudify import ctx
            ctx.instance.runtime_properties['params']['disks'] = [{'bus': 'scsi'}]
            ctx.instance.runtime_properties._set_changed()
            print(open(__import__('os').environ['BLUEVIRT_CTX_CHANGES']).read().count('"disks"'))
            ctx.instance.runtime_properties['when'] = object()
            """, executable: false)
        let failure = try await #require(throws: ScriptFailure.self) {
            try await bench.runner.run(script: script, context: bench.context(runtimeProperties: ["params": .object([:])]))
        }
        #expect(bench.log.first == "1")
        #expect(failure.exception?.type == "NonRecoverableError")
        #expect(failure.exception?.line == 5 && failure.exception?.file == "scripts/changed.py")
        #expect(failure.description.contains("runtime property 'when' cannot be stored"))
        #expect(!failure.isRetryable)
    }

    @Test("Cloudify's exceptions decide the retry: NonRecoverableError none, RecoverableError after retry_after, other errors with file and line")
    func exceptions() async throws {
        let bench = try ScriptTestBench()
        let cases: [(String, String, Bool, Duration?)] = [
            ("from cloudify import exceptions\nraise exceptions.NonRecoverableError('disk is gone')", "NonRecoverableError", false, nil),
            ("from cloudify.exceptions import RecoverableError\nraise RecoverableError('busy', retry_after=3)", "RecoverableError", true, .seconds(3)),
            ("from cloudify.exceptions import OperationRetry\nraise OperationRetry('not yet', retry_after=0.5)", "OperationRetry", true, .milliseconds(500)),
            // No Duration holds 1e300 seconds: a year, the longest wait, is what is asked.
            ("from cloudify.exceptions import RecoverableError\nraise RecoverableError('much later', retry_after=1e300)", "RecoverableError", true, .seconds(31_536_000)),
            ("import time\nprint('%02x' % (time.time() * 1000))", "TypeError", true, nil),
        ]
        for (index, (body, type, retryable, after)) in cases.enumerated() {
            let script = try bench.script("scripts/fail\(index).py", "from cloudify import ctx\n" + body + "\n", executable: false)
            let failure = try await #require(throws: ScriptFailure.self) {
                try await bench.runner.run(script: script, context: bench.context())
            }
            #expect(failure.reason == .exitStatus(1))
            #expect(failure.exception?.type == type)
            #expect(failure.exception?.file == "scripts/fail\(index).py" && failure.exception?.line == 3, "\(failure)")
            #expect(failure.isRetryable == retryable, "\(type)")
            #expect(failure.retryAfter == after, "\(type)")
            #expect(failure.description.hasPrefix("script 'scripts/fail\(index).py' exited with status 1: \(type) at scripts/fail\(index).py, line 3"),
                    "\(failure)")
        }
    }

    @Test("a step that raised NonRecoverableError is not retried; RecoverableError's retry_after replaces the interval")
    func executorFollowsTheVerdict() async throws {
        var refusal = ScriptFailure(script: "x.py", reason: .exitStatus(1), lastLines: [])
        refusal.exception = ScriptException(type: "NonRecoverableError", message: "gone", verdict: .nonRecoverable)
        var wait = ScriptFailure(script: "y.py", reason: .exitStatus(1), lastLines: [])
        wait.retryAfter = .milliseconds(20)
        let refused = refusal, later = wait
        let graph = WorkGraph(steps: [
            WorkStep(key: "refused", instance: "a", operation: .create, description: "refused", dependencies: [],
                     retry: RetryPolicy(maxRetries: 3, interval: .seconds(60))),
            WorkStep(key: "later", instance: "b", operation: .create, description: "later", dependencies: [],
                     retry: RetryPolicy(maxRetries: 1, interval: .seconds(60))),
        ])
        let tries = Mutex<[String: [Int]]>([:])
        let delays = Mutex<[Duration]>([])
        let outcome = await Executor().run(
            graph, alreadyFinished: [], runtimeProperties: [:],
            perform: { step, _ in
                tries.withLock { $0[step.key, default: []].append(Executor.attempt) }
                if step.key == "refused" { throw OperationFailure(instance: "a", step: "refused", object: nil, cause: refused) }
                if Executor.attempt == 0 { throw OperationFailure(instance: "b", step: "later", object: nil, cause: later) }
                return [:]
            },
            record: { _ in },
            retrying: { step, error, _ in delays.withLock { $0.append(step.retry.delay(after: error)) } })
        #expect(outcome.failures.map(\.step) == ["refused"])
        #expect(tries.withLock { $0 } == ["refused": [0], "later": [0, 1]])
        #expect(delays.withLock { $0 } == [.milliseconds(20)], "retry_after, not the 60 s interval")
    }

    @Test("ctx.operation.retry() asks for another try after the script ends; retry_number and max_retries are there")
    func operationRetry() async throws {
        let bench = try ScriptTestBench()
        let script = try bench.script("scripts/wait.py", """
            from cloudify import ctx
            print('%s %d/%d' % (ctx.operation.name, ctx.operation.retry_number, ctx.operation.max_retries))
            if ctx.operation.retry_number < 2:
                ctx.operation.retry('machine not up yet', retry_after=2)
            """, executable: false)
        var context = bench.context()
        context.retryNumber = 1
        context.maxRetries = 5
        let failure = try await #require(throws: ScriptFailure.self) {
            try await bench.runner.run(script: script, context: context)
        }
        #expect(failure.reason == .retryRequested("machine not up yet"))
        #expect(failure.isRetryable && failure.retryAfter == .seconds(2))
        #expect(bench.log == ["cloudify.interfaces.lifecycle.configure 1/5"])
        context.retryNumber = 2
        _ = try await bench.runner.run(script: script, context: context)
    }

    @Test("a workflow script has no node instance: ctx says so, and cloudify.workflows says what there is instead")
    func workflowScriptContext() async throws {
        let bench = try ScriptTestBench()
        let script = try bench.script("scripts/workflow.sh", """
            #!/bin/sh
            ctx instance id || echo "no instance"
            python3 -c 'from cloudify.workflows import ctx' 2>&1 | tail -1
            ctx deployment id
            """)
        var context = bench.context()
        context.instanceID = ""
        context.nodeName = ""
        context.workflow = "greet"
        _ = try await bench.runner.run(script: script, context: context)
        #expect(bench.log.contains { $0.contains("workflow 'greet' runs for the deployment, not on a node instance") }, "\(bench.log)")
        #expect(bench.log.contains("no instance"), "\(bench.log)")
        #expect(bench.log.contains { $0.hasPrefix("ImportError: cloudify.workflows (Cloudify's workflow context") }, "\(bench.log)")
        #expect(bench.log.last == "shop")
    }

    @Test("ids, types, workflow, and ctx.instance.relationships with read-only targets")
    func idsAndRelationships() async throws {
        let bench = try ScriptTestBench()
        let script = try bench.script("scripts/ids.py", """
            from cloudify import ctx
            from cloudify.exceptions import NonRecoverableError
            print(' '.join([ctx.type, ctx.node.id, ctx.node.name, ctx.node.type, ctx.instance.id, ctx.deployment.id, ctx.workflow_id, ctx.tenant_name]))
            print(ctx.node.type_hierarchy)
            for relationship in ctx.instance.relationships:
                target = relationship.target
                print(relationship.type, relationship.type_hierarchy[-1], target.node.id, target.instance.id,
                      target.instance.runtime_properties.get('ip'), target.node.properties['size'])
                try:
                    target.instance.runtime_properties['ip'] = 'x'
                except NonRecoverableError as error:
                    print('read only: %s' % error)
            print(ctx.blueprint.id == __import__('os').path.basename(__import__('os').getcwd()))
            """, executable: false)
        var context = bench.context()
        context.workflow = "uninstall"
        context.nodeTypeHierarchy = ["cloudify.nodes.Root", "cloudify.nodes.WebServer"]
        context.relationships = [InstanceRelationshipContext(
            type: "cloudify.relationships.contained_in", typeHierarchy: ["cloudify.relationships.depends_on", "cloudify.relationships.contained_in"],
            target: .init(nodeName: "host", nodeType: "cloudify.nodes.Compute", instanceID: "host-1", nodeProperties: ["size": .integer(2)],
                          runtimeProperties: ["ip": .string("10.0.0.3")]))]
        let output = try await bench.runner.run(script: script, context: context)
        #expect(output.properties.isEmpty && output.others.isEmpty)
        #expect(bench.log.count == 5, "\(bench.log)")
        #expect(bench.log.first == "node-instance web web cloudify.nodes.WebServer web-2 shop uninstall default_tenant")
        #expect(bench.log.dropFirst().first == "['cloudify.nodes.Root', 'cloudify.nodes.WebServer']")
        #expect(bench.log.dropFirst(2).first == "cloudify.relationships.contained_in cloudify.relationships.contained_in host host-1 10.0.0.3 2")
        #expect(bench.log.dropFirst(3).first?.hasPrefix("read only: the runtime properties of 'host-1' are read only here") == true)
        #expect(bench.log.last == "True")
    }

    @Test("resources come from the blueprint's folder only, in python and through the ctx command")
    func resources() async throws {
        let bench = try ScriptTestBench()
        try bench.script("templates/motd.txt", "welcome to {{ name }}\n", executable: false)
        // As in Cloudify, ctx is there beside the given variables.
        try bench.script("templates/where.txt", "{{ name }} on {{ ctx.instance.id }}\n", executable: false)
        let script = try bench.script("scripts/resources.py", """
            import os
            from cloudify import ctx
            from cloudify.exceptions import NonRecoverableError
            copy = ctx.download_resource('templates/motd.txt', os.path.join(os.getcwd(), 'copy.txt'))
            print(open(copy).read().strip(), ctx.get_resource('templates/motd.txt') == open(copy, 'rb').read())
            try:
                ctx.download_resource('../outside.txt')
            except NonRecoverableError as error:
                print(error)
            rendered = ctx.get_resource_and_render('templates/motd.txt', {'name': 'shop'}).decode().strip()
            with open(ctx.download_resource_and_render('templates/motd.txt', template_variables={'name': ctx.deployment.id})) as motd:
                print(rendered, '/', motd.read().strip())
            print(ctx.get_resource_and_render('templates/where.txt', {'name': 'shop'}).decode().strip())
            try:
                ctx.get_resource_and_render('templates/where.txt', {'ctx': 'mine'})
            except NonRecoverableError as error:
                print(error)
            """, executable: false)
        _ = try await bench.runner.run(script: script, context: bench.context())
        #expect(bench.log.count == 5, "\(bench.log)")
        #expect(bench.log.first == "welcome to {{ name }} True")
        #expect(bench.log.dropFirst().first?.contains("'../outside.txt' climbs out of the blueprint's folder") == true)
        #expect(bench.log.dropFirst(2).first == "welcome to shop / welcome to shop")
        #expect(bench.log.dropFirst(3).first == "shop on web-2")
        #expect(bench.log.last == "Key not allowed - a key named ctx is in template_variables")

        let shell = try bench.script("scripts/resources.sh", """
            #!/bin/sh
            set -e
            ctx download-resource templates/motd.txt copied.txt
            ctx get-resource templates/motd.txt
            ctx download-resource /etc/hostname || echo refused
            """)
        _ = try await bench.runner.run(script: shell, context: bench.context())
        #expect(bench.log.dropFirst(5).first == "copied.txt")
        #expect(bench.log.dropFirst(6).first == "welcome to {{ name }}")
        #expect(bench.log.contains { $0.contains("'/etc/hostname' is an absolute path outside the blueprint's folder") })
        #expect(bench.log.last == "refused")
        #expect(FileManager.default.contents(atPath: bench.directory.appendingPathComponent("copied.txt").path) == Data("welcome to {{ name }}\n".utf8))
    }
}
