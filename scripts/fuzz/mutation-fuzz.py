#!/usr/bin/env python3
"""A mutation fuzzer over bluevirt's whole front end: the YAML loader, the parser and checker,
the planner and the rendering of libvirt XML.

It takes the project's own blueprints and fixtures as seeds, mutates them (bytes, lines, YAML
structure, intrinsic functions, huge and hostile values) and runs `bluevirt validate --json`
and `bluevirt dry-run --json` on each mutant in a fresh process with a time bound. A run
fails when the process dies by a signal (a crash), exits with a code other than 0, 1 or 2,
prints something other than one JSON document, or takes longer than the bound (a hang).

Every failing input is kept in the output folder; a fixed one belongs in
Tests/Fixtures/fuzz-regressions/, which is replayed first on every run.

Usage: scripts/fuzz/mutation-fuzz.py BLUEVIRT [--seconds 60] [--seed N] [--out DIR]
Prints the executions, the failures found, and a closing `N passed, M failed` line.
"""
import argparse
import glob
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

TOKENS = [
    "{ get_input: x }", "{ get_property: [SELF, params] }", "{ get_attribute: [TARGET, ip] }",
    "{ concat: [a, { get_input: y }] }", "{ get_property: [ghost, p, 0, 1] }",
    "{ merge: [ {a: 1}, [] ] }", "{ string_split: [abc, b, 99] }", "{ get_secret: s }",
    "&a [*a]", "*undefined", "!!binary aGVsbG8=", "!!python/object:os.system", "<<: *a",
    "'\\x1b[31m'", "\"\\e]0;title\\a\"", "\"\\u0085\"", "null", "~", "-1", "1e999", "0x10",
    "9223372036854775808", "[]", "{}", "''", "|\n  block", ">-\n  folded", "? complex\n: key",
    "../../../../etc/passwd", "/proc/self/environ", "\"$(touch /tmp/pwned)\"", "-oProxyCommand=x",
    "cloudify_dsl_1_0", "cloudify_dsl_1_5", "cloudify.libvirt.domain", "cloudify.nodes.Root",
    "cloudify.relationships.contained_in", "{ default_instances: 100000 }", "{ deploy: -1 }",
]

KEYS = ["type", "derived_from", "properties", "params", "relationships", "target", "interfaces",
        "inputs", "outputs", "imports", "groups", "policies", "workflows", "capabilities",
        "instances", "deploy", "default", "constraints", "implementation", "template_resource",
        "script_path", "members", "disks", "networks", "ips", "dhcp", "memory_size", "vcpu"]


def seeds():
    files = []
    for pattern in ("blueprints/*.yaml", "Tests/Fixtures/**/*.yaml"):
        files += glob.glob(os.path.join(ROOT, pattern), recursive=True)
    texts = []
    for path in sorted(files):
        try:
            with open(path, "rb") as handle:
                data = handle.read()
        except OSError:
            continue
        if len(data) < 200_000:
            texts.append(data)
    return texts


def mutate(data, rng):
    lines = data.split(b"\n")
    for _ in range(rng.randint(1, 4)):
        choice = rng.randrange(10)
        if choice == 0 and data:
            position = rng.randrange(len(data))
            data = data[:position] + bytes([rng.randrange(256)]) + data[position + 1:]
            lines = data.split(b"\n")
            continue
        if not lines:
            lines = [b""]
        index = rng.randrange(len(lines))
        line = lines[index]
        indent = line[: len(line) - len(line.lstrip())]
        if choice == 1:
            del lines[index]
        elif choice == 2:
            lines.insert(index, lines[rng.randrange(len(lines))])
        elif choice == 3 and b":" in line:
            key = line.split(b":", 1)[0]
            lines[index] = key + b": " + rng.choice(TOKENS).encode()
        elif choice == 4:
            lines.insert(index, indent + rng.choice(KEYS).encode() + b": " + rng.choice(TOKENS).encode())
        elif choice == 5:
            lines[index] = b" " * rng.randrange(0, 12) + line.lstrip()
        elif choice == 6:
            depth = rng.randrange(50, 400)
            lines.insert(index, indent + b"deep: " + b"[" * depth + b"]" * depth)
        elif choice == 7:
            lines[index] = line + rng.choice([b"x" * rng.randrange(1, 100_000), b"\t", b" #", b"\r", b"\x00", "é\u2028".encode()])
        elif choice == 8 and len(lines) > 2:
            other = rng.randrange(len(lines))
            lines[index], lines[other] = lines[other], lines[index]
        else:
            lines.insert(index, indent + b"- " + rng.choice(TOKENS).encode())
        data = b"\n".join(lines)
    return data


def run_one(binary, path, timeout):
    """None when the run is fine, else a short reason."""
    for command in (["validate", "--json", path], ["dry-run", "--json", path]):
        try:
            result = subprocess.run([binary] + command, capture_output=True, timeout=timeout,
                                    env=dict(os.environ, NO_COLOR="1"), cwd=os.path.dirname(path))
        except subprocess.TimeoutExpired:
            return f"{command[0]}: no answer within {timeout} s"
        if result.returncode < 0:
            return f"{command[0]}: killed by signal {-result.returncode}"
        if result.returncode not in (0, 1, 2):
            return f"{command[0]}: exit {result.returncode}: {result.stderr[-300:].decode(errors='replace')}"
        try:
            json.loads(result.stdout.decode("utf-8"))
        except (ValueError, UnicodeDecodeError):
            if result.returncode != 2:  # usage errors print text on standard error
                return f"{command[0]}: standard output is not one JSON document: {result.stdout[:200]!r}"
    return None


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("binary")
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--timeout", type=float, default=20)
    parser.add_argument("--out", default=os.path.join(ROOT, "bench", "out", "fuzz"))
    arguments = parser.parse_args()
    arguments.binary = os.path.abspath(arguments.binary)
    seed = arguments.seed if arguments.seed is not None else int(time.time())
    rng = random.Random(seed)
    os.makedirs(arguments.out, exist_ok=True)
    passed = failed = 0

    work = tempfile.mkdtemp(prefix="bluevirt-fuzz-")
    try:
        # Known crashers first: they must stay fixed.
        for path in sorted(glob.glob(os.path.join(ROOT, "Tests/Fixtures/fuzz-regressions/*.yaml"))):
            target = os.path.join(work, os.path.basename(path))
            shutil.copyfile(path, target)
            problem = run_one(arguments.binary, target, arguments.timeout)
            if problem:
                failed += 1
                print(f"regression {os.path.basename(path)}: {problem}")
            else:
                passed += 1

        corpus = seeds()
        target = os.path.join(work, "mutant.yaml")
        deadline = time.monotonic() + arguments.seconds
        executions = 0
        while time.monotonic() < deadline:
            data = mutate(rng.choice(corpus), rng)
            with open(target, "wb") as handle:
                handle.write(data)
            executions += 1
            problem = run_one(arguments.binary, target, arguments.timeout)
            if problem:
                failed += 1
                kept = os.path.join(arguments.out, f"failure-{seed}-{executions}.yaml")
                with open(kept, "wb") as handle:
                    handle.write(data)
                print(f"FAILURE {problem} (input kept as {kept})")
            else:
                passed += 1
        print(f"fuzz: seed {seed}, {executions} mutants in {arguments.seconds:.0f} s "
              f"(each through validate and dry-run), {failed} failures")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
