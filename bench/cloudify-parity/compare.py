#!/usr/bin/env python3
"""Runs bluevirt on every parity case and compares its verdicts with Cloudify's.

bluevirt's verdict: `bluevirt validate CASE --json --inputs EMPTY` exits 0 (accept; warnings do
not count, as Cloudify has none) or 1 (reject); any other exit status is a crash, which counts as
a disagreement. The empty inputs file mirrors `prepare_deployment_plan(plan, inputs={})` on
Cloudify's side: inputs were given (none), so a required input without a value is an error on
both sides, not the warning of a bare `validate`.

Prints the agreement overall, per DSL version and per family (the case's folder), the
disagreements grouped by cause (bluevirt's code where it refuses alone, Cloudify's message where
it does), then every disagreement with both parsers' first message. With --manifest (the capture
of Cloudify's own tests), also how many blueprints were left out, and why.
"""

import argparse
import collections
import concurrent.futures
import json
import pathlib
import re
import subprocess
import sys

VERSION = re.compile(r"^tosca_definitions_version:\s*cloudify_dsl_(1_[0-5])\s*$", re.MULTILINE)


def case_files(root: pathlib.Path):
    return sorted(p for p in root.rglob("*.yaml") if "lib" not in p.relative_to(root).parts)


def bluevirt_verdict(binary: str, path: pathlib.Path, empty_inputs: pathlib.Path) -> dict:
    try:
        done = subprocess.run([binary, "validate", str(path), "--json", "--inputs", str(empty_inputs)],
                              capture_output=True, text=True, timeout=60)
    except subprocess.TimeoutExpired:
        return {"verdict": "timeout", "error": "over 60 s"}
    first = ""
    try:
        report = json.loads(done.stdout)
        errors = [d for d in report.get("diagnostics", []) if d.get("severity") == "error"]
        if errors:
            first = f"{errors[0].get('code')}: {errors[0].get('message')}"
    except (json.JSONDecodeError, AttributeError):
        first = (done.stderr or done.stdout).strip()[:300]
    verdict = {0: "accept", 1: "reject"}.get(done.returncode, f"crash({done.returncode})")
    return {"verdict": verdict, "error": first}


def cause(mine: dict, theirs: dict) -> str:
    """What a disagreement is about: the refusing side's diagnostic, without names and numbers."""
    if mine["verdict"] == "reject":
        return "bluevirt refuses: " + (mine["error"].split(":")[0] or "no diagnostic")
    if theirs["verdict"] in ("reject", "timeout"):
        message = re.sub(r"'[^']*'|\"[^\"]*\"|\d+", "…", theirs["error"])
        return "Cloudify refuses: " + re.split(r" in: | in line", message)[0][:90]
    return f"bluevirt {mine['verdict']}, Cloudify {theirs['verdict']}"


def percent(agree: int, total: int) -> str:
    return f"{100.0 * agree / total:5.1f}% ({agree}/{total})" if total else "  n/a"


def main() -> int:
    options = argparse.ArgumentParser(description=__doc__)
    options.add_argument("--bluevirt", required=True)
    options.add_argument("--cases", required=True, type=pathlib.Path)
    options.add_argument("--cloudify", required=True, type=pathlib.Path)
    options.add_argument("--out", required=True, type=pathlib.Path)
    options.add_argument("--json", type=pathlib.Path, help="also write the summary as JSON here")
    options.add_argument("--filter", default="", help="only cases whose path contains this")
    options.add_argument("--manifest", type=pathlib.Path, help="capture_cloudify_tests.py's manifest: report exclusions")
    args = options.parse_args()

    cloudify = json.loads(args.cloudify.read_text())
    empty_inputs = args.out.parent / "parity-empty-inputs.yaml"
    empty_inputs.write_text("{}\n")
    files = [p for p in case_files(args.cases) if args.filter in str(p.relative_to(args.cases))]
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        verdicts = dict(zip(files, pool.map(lambda p: bluevirt_verdict(args.bluevirt, p, empty_inputs), files)))
    ours = {str(p.relative_to(args.cases)): v for p, v in verdicts.items()}
    args.out.write_text(json.dumps(ours, indent=1, sort_keys=True) + "\n")

    by_version: dict[str, list[bool]] = collections.defaultdict(list)
    by_family: dict[str, list[bool]] = collections.defaultdict(list)
    disagreements = []
    for path in files:
        key = str(path.relative_to(args.cases))
        theirs = cloudify.get(key, {"verdict": "missing", "error": "not run by Cloudify's parser"})
        # A case Cloudify's parser does not finish is one it never accepts.
        their_verdict = "reject" if theirs["verdict"] == "timeout" else theirs["verdict"]
        agree = ours[key]["verdict"] == their_verdict
        match = VERSION.search(path.read_text())
        by_version[match.group(1) if match else "none"].append(agree)
        by_family[key.split("/")[0]].append(agree)
        if not agree:
            disagreements.append((key, ours[key], theirs))

    total = sum(len(v) for v in by_family.values())
    agreed = sum(sum(v) for v in by_family.values())
    print(f"Cloudify parser parity: {percent(agreed, total)} of cases get the same verdict")
    print("\nper DSL version:")
    for version in sorted(by_version):
        print(f"  {version:14} {percent(sum(by_version[version]), len(by_version[version]))}")
    print("\nper family:")
    for family in sorted(by_family):
        print(f"  {family:14} {percent(sum(by_family[family]), len(by_family[family]))}")
    if args.manifest:
        manifest = json.loads(args.manifest.read_text())
        reasons = collections.Counter(entry["excluded"] for entry in manifest.values() if entry["excluded"])
        print(f"\ncaptured {len(manifest)} parses of {len({e['test'] for e in manifest.values()})} tests; "
              f"left out {sum(reasons.values())}:")
        for reason, count in reasons.most_common():
            print(f"  {count:4}  {reason}")
    causes = collections.Counter(cause(mine, theirs) for _, mine, theirs in disagreements)
    print("\ndisagreements by cause:")
    for reason, count in causes.most_common():
        print(f"  {count:4}  {reason}")
    print(f"\ndisagreements ({len(disagreements)}):")
    for key, mine, theirs in disagreements:
        print(f"  {key}: bluevirt {mine['verdict']}, cloudify {theirs['verdict']}")
        if mine["error"]:
            print(f"      bluevirt: {mine['error'][:160]}")
        if theirs["error"]:
            print(f"      cloudify: {theirs['error'][:160]}")
    if args.json:
        args.json.write_text(json.dumps({
            "agreement": {"agreed": agreed, "total": total},
            "versions": {k: {"agreed": sum(v), "total": len(v)} for k, v in by_version.items()},
            "families": {k: {"agreed": sum(v), "total": len(v)} for k, v in by_family.items()},
            "disagreements": [k for k, _, _ in disagreements],
            "causes": dict(causes),
        }, indent=1, sort_keys=True) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
