#!/usr/bin/env python3
"""Value differential test: every node property and input value, by Cloudify and by bluevirt.

Runs inside the venv that setup.sh makes (it imports Cloudify's parser) and shells out to bluevirt:

  bench/out/cloudify-venv/bin/python bench/cloudify-parity/compare_properties.py \\
      --bluevirt path/to/bluevirt --out bench/out/property-diff.json \\
      bench/out/parity-cases bench/out/cloudify-tests-cases

For each case (a YAML file of a case folder, not under lib/) that Cloudify accepts
(`parse_from_path`, then `prepare_deployment_plan(plan, inputs={})`, in a forked child, as
cloudify_verdicts.py does) and bluevirt accepts (`validate --inputs EMPTY` exits 0), the script
writes a copy of the case next to the original in a temporary copy of the case folder, with the
blueprint's top-level `outputs:` section replaced by one output per property Cloudify gives each
node template, and one per input (each bound to its default, data types completed):

  p__<node>__<property>: {value: {get_property: [<node>, <property>]}}
  i__<input>: {value: {get_input: <input>}}

(everything else stays byte-identical; the copy is checked to load to the same YAML apart from
outputs). Cloudify's values are the copy's plan['outputs']; bluevirt's come from
`apply --simulate` then `outputs --json` in a fresh state directory. Values are compared after
normalisation (a float equal to an integer is that integer; map key order does not matter). An
output whose Cloudify value still holds an intrinsic function (get_secret, get_attribute, ...) is
skipped, counted by function. Every get_secret the case names gets a dummy value on bluevirt's side.

--map URL=FILE (repeatable) makes Cloudify read FILE for an import address (Cloudify's types.yaml
address maps to bench/out/cloudify-types.yaml by default); any other http(s) import fails, as in
cloudify_verdicts.py. bluevirt's apply runs a case's scripts on this host: for real-world
blueprints, --stub-scripts turns every .sh and .py file of the temporary copy into a no-op first
(a shell script keeps the lines that set runtime properties with `ctx`, which later operations
read). Cloudify gets a get_secret_method that knows every secret (the values stay unevaluated).
Prints a summary and every difference; writes the raw results to --out.
"""

import argparse
import collections
import json
import os
import pathlib
import re
import shutil
import signal
import subprocess
import tempfile

import yaml
from dsl_parser import parser, tasks
from dsl_parser.import_resolver.default_import_resolver import DefaultImportResolver
from dsl_parser.utils import TEMPLATE_FUNCTIONS

TYPES_URL = "http://www.getcloudify.org/spec/cloudify/5.0.5/types.yaml"
HERE = pathlib.Path(__file__).resolve().parent
PREFIX = "__props__"


def cloudify_plan(path: pathlib.Path, resolver, timeout: int) -> dict:
    """Cloudify's node properties and outputs for a blueprint, from a forked child."""
    read_end, write_end = os.pipe()
    child = os.fork()
    if child == 0:
        os.close(read_end)
        try:
            signal.alarm(timeout)
            plan = tasks.prepare_deployment_plan(parser.parse_from_path(str(path), resolver=resolver), inputs={},
                                                 get_secret_method=lambda name: "dummy")
            result = {"ok": True,
                      "nodes": {n["name"]: n.get("properties", {}) for n in plan["nodes"]},
                      "inputs": list(plan.get("inputs", {})),
                      "outputs": {k: v.get("value") for k, v in plan.get("outputs", {}).items()}}
        except BaseException as error:  # noqa: BLE001 - any failure is a rejection
            result = {"ok": False, "error": f"{type(error).__name__}: {' '.join(str(error).split())}"[:300]}
        with os.fdopen(write_end, "w") as pipe:
            pipe.write(json.dumps(result, default=str))
        os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end) as pipe:
        text = pipe.read()
    os.waitpid(child, 0)
    return json.loads(text) if text else {"ok": False, "error": "the parser's process died"}


def with_value_outputs(text: str, nodes: dict, inputs: list) -> tuple[str, dict]:
    """The blueprint with its top-level outputs replaced by one get_property output per property
    and one get_input output per input."""
    kept, skipping = [], False
    for line in text.splitlines(keepends=True):
        if re.match(r"outputs\s*:", line):
            skipping = True
        elif skipping and line[:1] not in ("", " ", "\t", "\r", "\n", "#"):
            skipping = False
        if not skipping:
            kept.append(line)
    names = {}
    lines = ["outputs:\n"]
    for node, properties in nodes.items():
        for prop in properties:
            name = f"p__{node}__{prop}"
            names[name] = (node, prop)
            ref = json.dumps({"value": {"get_property": [node, prop]}})
            lines.append(f"  {json.dumps(name)}: {ref}\n")
    for input_name in inputs:
        name = f"i__{input_name}"
        names[name] = ("inputs", input_name)
        lines.append(f"  {json.dumps(name)}: {json.dumps({'value': {'get_input': input_name}})}\n")
    body = "".join(kept)
    if body and not body.endswith("\n"):
        body += "\n"
    return body + ("".join(lines) if names else "outputs: {}\n"), names


def same_apart_from_outputs(a: str, b: str) -> bool:
    try:
        docs = [yaml.safe_load(t) for t in (a, b)]
    except yaml.YAMLError:
        return False
    if not all(isinstance(d, dict) for d in docs):
        return False
    return all({k: v for k, v in docs[0].items() if k != "outputs"} == {k: v for k, v in d.items() if k != "outputs"}
               for d in docs[1:])


def function_in(value):
    """The name of an intrinsic function left in a value, or None."""
    if isinstance(value, dict):
        if len(value) == 1 and next(iter(value)) in TEMPLATE_FUNCTIONS:
            return next(iter(value))
        value = list(value.values())
    if isinstance(value, list):
        return next((f for f in map(function_in, value) if f), None)
    return None


def normal(value):
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {str(k): normal(v) for k, v in value.items()}
    if isinstance(value, list):
        return [normal(v) for v in value]
    return value


def run(command: list, state: str, timeout: int = 120) -> subprocess.CompletedProcess:
    env = dict(os.environ, BLUEVIRT_STATE_DIR=state)
    try:
        return subprocess.run(command, capture_output=True, text=True, timeout=timeout, env=env)
    except subprocess.TimeoutExpired:
        return subprocess.CompletedProcess(command, 124, "", f"over {timeout} s")


def compare_case(case: pathlib.Path, copy: pathlib.Path, args, resolver, empty: pathlib.Path) -> dict:
    """One case: {"skipped": reason} or {"outputs": {name: {...}}}."""
    original = cloudify_plan(case, resolver, args.timeout)
    if not original["ok"]:
        return {"skipped": "Cloudify rejects", "error": original["error"]}
    text = case.read_text()
    secrets = sorted(set(re.findall(r"get_secret\W+([\w.-]+)", text)))
    secret_args = [a for s in secrets for a in ("--secret", f"{s}=dummy")]
    with tempfile.TemporaryDirectory() as state:
        checked = run([args.bluevirt, "validate", str(case), "--inputs", str(empty)] + secret_args, state)
        if checked.returncode != 0:
            return {"skipped": "bluevirt rejects", "error": (checked.stdout + checked.stderr)[-300:]}
    modified, names = with_value_outputs(text, original["nodes"], original["inputs"])
    if not names:
        return {"skipped": "no properties or inputs"}
    if not same_apart_from_outputs(text, modified):
        return {"skipped": "could not rewrite outputs"}
    copy.write_text(modified)
    theirs = cloudify_plan(copy, resolver, args.timeout)
    if not theirs["ok"]:
        return {"skipped": "Cloudify rejects the rewritten copy", "error": theirs["error"]}
    with tempfile.TemporaryDirectory() as state:
        applied = run([args.bluevirt, "apply", "--simulate", str(copy), "-d", "case"] + secret_args, state)
        if applied.returncode != 0:
            return {"skipped": "bluevirt apply fails", "error": (applied.stdout + applied.stderr)[-300:]}
        shown = run([args.bluevirt, "outputs", "-d", "case", "--json"], state)
    try:
        mine = json.loads(shown.stdout)
    except json.JSONDecodeError:
        return {"skipped": "bluevirt outputs unreadable", "error": (shown.stdout + shown.stderr)[-300:]}
    results = {}
    for name, (node, prop) in names.items():
        value = theirs["outputs"].get(name)
        function = function_in(value)
        entry = {"node": node, "property": prop, "cloudify": value, "bluevirt": mine.get(name, "<missing>")}
        if function:
            entry["status"] = f"skipped: Cloudify leaves {function}"
        else:
            entry["status"] = "equal" if name in mine and normal(value) == normal(mine[name]) else "different"
        results[name] = entry
    return {"outputs": results}


def stub(script: pathlib.Path) -> str:
    """A no-op in place of a script; a shell script keeps its `ctx ... runtime-properties` lines."""
    if script.suffix == ".py":
        return "#!/usr/bin/env python3\npass\n"
    kept = [line for line in script.read_text().splitlines() if re.match(r"\s*ctx .*runtime[-_]properties", line)]
    return "\n".join(["#!/bin/sh"] + kept + ["exit 0", ""])


def short(value) -> str:
    text = json.dumps(value, sort_keys=True, default=str)
    return text if len(text) <= 200 else text[:197] + "..."


def main() -> int:
    options = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    options.add_argument("--bluevirt", required=True)
    options.add_argument("--out", required=True, type=pathlib.Path)
    options.add_argument("--types", type=pathlib.Path, default=HERE.parent / "out" / "cloudify-types.yaml")
    options.add_argument("--map", action="append", default=[], help="URL=FILE: an import Cloudify reads locally")
    options.add_argument("--filter", default="", help="only cases whose path contains this")
    options.add_argument("--timeout", type=int, default=120)
    options.add_argument("--stub-scripts", action="store_true", help="make the copy's .sh/.py files no-ops")
    options.add_argument("roots", nargs="+", type=pathlib.Path, help="case folders")
    args = options.parse_args()
    args.bluevirt = str(pathlib.Path(args.bluevirt).resolve())

    rules = [{TYPES_URL: args.types.resolve().as_uri()}]
    rules += [{url: pathlib.Path(file).resolve().as_uri()} for url, file in (m.split("=", 1) for m in args.map)]
    rules += [{"http://": "file:///nonexistent/"}, {"https://": "file:///nonexistent/"}]
    resolver = DefaultImportResolver(rules=rules, fallback=False)

    report = {}
    with tempfile.TemporaryDirectory() as scratch:
        empty = pathlib.Path(scratch, "empty-inputs.yaml")
        empty.write_text("{}\n")
        for number, root in enumerate(args.roots):
            tree = pathlib.Path(scratch, str(number))
            shutil.copytree(root, tree, symlinks=True)
            for script in (p for p in tree.rglob("*") if args.stub_scripts and p.suffix in (".sh", ".py")):
                script.write_text(stub(script))
            for case in sorted(p for p in root.rglob("*.yaml") if "lib" not in p.relative_to(root).parts):
                key = f"{root.name}/{case.relative_to(root)}"
                if args.filter not in key:
                    continue
                copy = tree / case.relative_to(root)
                report[key] = compare_case(case, copy.with_name(PREFIX + copy.name), args, resolver, empty)
    args.out.write_text(json.dumps(report, indent=1, sort_keys=True, default=str) + "\n")

    skipped_cases = collections.Counter(r["skipped"] for r in report.values() if "skipped" in r)
    compared = {k: r["outputs"] for k, r in report.items() if "outputs" in r}
    statuses = collections.Counter(e["status"] for outputs in compared.values() for e in outputs.values())
    print(f"cases: {len(report)}; compared {len(compared)}; left out {sum(skipped_cases.values())}:")
    for reason, count in skipped_cases.most_common():
        print(f"  {count:5}  {reason}")
    print(f"outputs compared: {sum(statuses.values())}")
    for status, count in statuses.most_common():
        print(f"  {count:5}  {status}")
    print("\ndifferences:")
    for key, outputs in compared.items():
        for entry in outputs.values():
            if entry["status"] == "different":
                print(f"  {key}: {entry['node']}.{entry['property']}")
                print(f"      cloudify: {short(entry['cloudify'])}")
                print(f"      bluevirt: {short(entry['bluevirt'])}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
