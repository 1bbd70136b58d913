import Platform
import StateStore

/// One shell program, fed to `sh -s` on the remote machine through ssh's standard input, that
/// does all of fabric's `run_script` in one connection: makes a private folder (`mktemp -d`
/// under `process.base_dir`, else `$TMPDIR` or /tmp), writes the script, `ctx` and the context
/// into it, runs the script with its environment in `process.cwd` (else that folder), prints a
/// marker line and the ctx changes, removes the folder and exits with the script's status.
struct RemoteScriptBundle {
    let text: String
    /// A line the script cannot know, after which only ctx changes follow.
    let marker: String

    init(scriptName: String, script: String, context: ScriptContextDocument, environment: [String: String],
         arguments: [String], commandPrefix: String?, directory: String?, baseDirectory: String?) {
        let nonce = UUID().uuidString.replacing("-", with: "")
        marker = "BLUEVIRT-CTX-CHANGES-\(nonce)"
        let delimiter = "BLUEVIRT_EOF_\(nonce)"
        func file(_ name: String, _ content: String) -> String {
            let body = content.hasSuffix("\n") || content.isEmpty ? content : content + "\n"
            return "cat > \"$work/\(name)\" <<'\(delimiter)'\n\(body)\(delimiter)\n"
        }
        // As the fabric plugin does: the script's line ends become \n.
        let scriptText = script.replacing("\r\n", with: "\n")
        let scriptFile = "script-" + scriptName.filter { $0.isLetter || $0.isNumber || ".-_".contains($0) }

        var exports = environment.sorted { $0.key < $1.key }.filter { ShellText.isVariableName($0.key) }
            .map { "export \($0.key)=\(ShellText.quoted($0.value))" }
        exports += [
            "export BLUEVIRT_DEPLOYMENT_ID=\(ShellText.quoted(context.deployment)) DEPLOYMENT_ID=\(ShellText.quoted(context.deployment))",
            "export BLUEVIRT_NODE_ID=\(ShellText.quoted(context.nodeName)) BLUEVIRT_INSTANCE_ID=\(ShellText.quoted(context.instanceID))",
            "export BLUEVIRT_OPERATION=\(ShellText.quoted(context.operation))",
            #"export BLUEVIRT_CONTEXT="$work/context.json" BLUEVIRT_CTX_CHANGES="$work/changes.jsonl""#,
            #"export PATH="$work:$PATH" PYTHONPATH="$work${PYTHONPATH:+:$PYTHONPATH}""#,
        ]
        // A script without #! runs with bash where there is one (as a login shell would run it), else sh.
        let interpreter = scriptText.hasPrefix("#!") ? "" : "\"$(command -v bash || echo sh)\" "
        let run = [commandPrefix, interpreter + "\"$work/\(scriptFile)\""].compactMap { $0 }.joined(separator: " ")
            + arguments.map { " " + ShellText.quoted($0) }.joined()
        let base = baseDirectory.map(ShellText.quoted) ?? #""${TMPDIR:-/tmp}""#

        var program = """
            umask 077
            work=$(mktemp -d \(base)/bluevirt-XXXXXXXX) || { echo "bluevirt: cannot make a folder for the script under \(base.replacing("\"", with: ""))" >&2; exit 97; }

            """
        program += file(scriptFile, scriptText)
        program += file("ctx", RemoteCtx.command)
        program += file("ctx.py", RemoteCtx.program)
        program += "mkdir \"$work/cloudify\"\n"
        for shim in PythonShim.files { program += file("cloudify/\(shim.name)", shim.content) }
        program += file("context.json", context.json.jsonText())
        program += file("env", exports.joined(separator: "\n"))
        program += """
            chmod 700 "$work/\(scriptFile)" "$work/ctx"
            : > "$work/changes.jsonl"
            ( cd \(directory.map(ShellText.quoted) ?? "\"$work\"") && . "$work/env" && exec \(run) ) </dev/null 2>&1
            status=$?
            printf '%s\\n' '\(marker)'
            cat "$work/changes.jsonl"
            cd / && rm -rf "$work"
            exit $status

            """
        text = program
    }
}
