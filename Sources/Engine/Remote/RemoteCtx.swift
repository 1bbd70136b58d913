/// `ctx` on a remote machine (fabric's `run_script`): the same files as a local script's
/// (context.json read, changes.jsonl appended, see ``ScriptChange``), kept in the run's remote
/// folder; bluevirt reads the changes back when the script ends. The command is a python
/// program, as Cloudify's own remote `ctx` (its proxy client) is: a script that calls `ctx`
/// needs python 3 on that machine; one that does not call it needs nothing but a shell.
enum RemoteCtx {
    /// `ctx`: runs ctx.py with the first python found.
    static let command = #"""
        #!/bin/sh
        for python in python3 python; do
            if command -v "$python" >/dev/null 2>&1; then exec "$python" "$(dirname "$0")/ctx.py" "$@"; fi
        done
        echo "ctx: bluevirt's ctx on a remote machine needs python 3 there (as Cloudify's does); install python3 or do not call ctx from this script" >&2
        exit 1

        """#

    /// The calls of the local `ctx` command (``CtxCall``) that make sense remotely; sets made by
    /// earlier calls of the same run are seen by later ones.
    static let program = #"""
        import json, os, sys

        USAGE = """supported ctx calls on a remote machine:
          ctx instance runtime-properties [KEY [VALUE]]
          ctx node properties [KEY]
          ctx node id|name|type, ctx instance id, ctx deployment id, ctx operation name
          ctx logger debug|info|warning|error MESSAGE
          ctx -j ...   print the result as JSON"""

        def record(change):
            with open(os.environ["BLUEVIRT_CTX_CHANGES"], "a") as changes:
                changes.write(json.dumps(change, sort_keys=True) + "\n")

        def lookup(values, key):
            if key in values:
                return values[key]
            value = values
            for part in key.split("."):
                if not isinstance(value, dict) or part not in value:
                    return None
                value = value[part]
            return value

        def parse(text):
            if text.startswith("@"):
                return json.loads(text[1:])
            try:
                return json.loads(text)
            except ValueError:
                return text

        def show(value, as_json):
            if value is None:
                return
            print(json.dumps(value) if as_json or not isinstance(value, str) else value)

        def main(arguments):
            as_json = False
            words = []
            while arguments:
                argument = arguments.pop(0)
                if argument in ("-j", "--json-output"):
                    as_json = True
                elif argument in ("--timeout", "--socket-url", "--json-arg-prefix"):
                    arguments = arguments[1:]
                else:
                    words.append(argument)
            with open(os.environ["BLUEVIRT_CONTEXT"]) as file:
                context = json.load(file)
            runtime = dict(context["instance"]["runtime_properties"])
            with open(os.environ["BLUEVIRT_CTX_CHANGES"]) as changes:
                for line in changes:
                    try:
                        change = json.loads(line)
                    except ValueError:
                        continue
                    if "set" in change:
                        runtime[change["set"]] = change.get("value")
            call = [word.replace("_", "-") for word in words[:2]]
            if call[:1] == ["logger"] and len(words) >= 3 and words[1] in ("debug", "info", "warning", "warn", "error"):
                record({"log": "warning" if words[1] == "warn" else words[1], "message": " ".join(words[2:])})
            elif call == ["instance", "runtime-properties"] and len(words) == 4:
                key, value = words[2], parse(words[3])
                if "." in key and key not in runtime:
                    top, rest = key.split(".", 1)
                    whole = runtime.get(top) if isinstance(runtime.get(top), dict) else {}
                    target = whole
                    parts = rest.split(".")
                    for part in parts[:-1]:
                        target = target.setdefault(part, {})
                    target[parts[-1]] = value
                    key, value = top, whole
                record({"set": key, "value": value})
            elif call == ["instance", "runtime-properties"]:
                show(runtime if len(words) == 2 else lookup(runtime, words[2]), as_json or len(words) == 2)
            elif call == ["node", "properties"]:
                properties = context["node"]["properties"]
                show(properties if len(words) == 2 else lookup(properties, words[2]), as_json or len(words) == 2)
            elif len(words) == 2 and call[0] == "node" and call[1] in ("id", "name", "type"):
                show(context["node"]["type" if call[1] == "type" else "name"], as_json)
            elif call == ["instance", "id"] and len(words) == 2:
                show(context["instance"]["id"], as_json)
            elif call == ["deployment", "id"] and len(words) == 2:
                show(context["deployment"]["id"], as_json)
            elif call == ["operation", "name"] and len(words) == 2:
                show(context["operation"]["name"], as_json)
            else:
                sys.stderr.write("ctx: 'ctx %s' is not supported on a remote machine\n%s\n" % (" ".join(words), USAGE))
                return 1
            return 0

        sys.exit(main(sys.argv[1:]))

        """#
}
