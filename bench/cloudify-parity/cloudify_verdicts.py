#!/usr/bin/env python3
"""Gives Cloudify's own parser's verdict on every case: one process for all of them.

Runs inside the venv that setup.sh makes. For each case: `parse_from_path`, then
`prepare_deployment_plan(plan, inputs={})`, as a manager does on upload and on deployment
creation with no inputs. Any exception is a rejection (an internal error too: the blueprint would
not get through). Cloudify's types.yaml address resolves to a local copy (the resolver rule
below, with no fallback), so nothing is downloaded. Each case runs in a child forked from the one
process that imported the parser: the parser keeps state between parses (a namespaced import
marks the cached types.yaml, and a later case then fails with "Cannot access element value before
parsing"), so cases must not share it. A case that runs longer than the timeout is reported as
such (SIGALRM in the child).

Usage: cloudify_verdicts.py CASES_DIR TYPES_YAML OUT_JSON [TIMEOUT_SECONDS]
Writes {"family/name.yaml": {"verdict": "accept"|"reject"|"timeout", "error": "..."}}.
"""

import json
import os
import pathlib
import signal
import sys

from dsl_parser import parser, tasks
from dsl_parser.import_resolver.default_import_resolver import DefaultImportResolver

TYPES_URL = "http://www.getcloudify.org/spec/cloudify/5.0.5/types.yaml"


class CaseTimeout(Exception):
    pass


def on_alarm(signum, frame):
    raise CaseTimeout()


def verdict(path: pathlib.Path, resolver, timeout: int) -> dict:
    signal.signal(signal.SIGALRM, on_alarm)
    signal.alarm(timeout)
    try:
        plan = parser.parse_from_path(str(path), resolver=resolver)
        tasks.prepare_deployment_plan(plan, inputs={})
        return {"verdict": "accept", "error": ""}
    except CaseTimeout:
        return {"verdict": "timeout", "error": f"over {timeout} s"}
    except Exception as error:  # noqa: BLE001 - every failure is a rejection
        message = " ".join(str(error).split())[:300]
        return {"verdict": "reject", "error": f"{type(error).__name__}: {message}"}
    finally:
        signal.alarm(0)


def verdict_in_child(path: pathlib.Path, resolver, timeout: int) -> dict:
    """The case's verdict from a forked child, so that no parser state survives it."""
    read_end, write_end = os.pipe()
    child = os.fork()
    if child == 0:
        os.close(read_end)
        try:
            result = verdict(path, resolver, timeout)
        except BaseException as error:  # noqa: BLE001 - a crash of the parser is a rejection too
            result = {"verdict": "reject", "error": f"{type(error).__name__}: {error}"[:300]}
        with os.fdopen(write_end, "w") as pipe:
            pipe.write(json.dumps(result))
        os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end) as pipe:
        text = pipe.read()
    os.waitpid(child, 0)
    return json.loads(text) if text else {"verdict": "reject", "error": "the parser's process died"}


def case_files(root: pathlib.Path):
    # lib/ folders hold files the cases import; they are no cases themselves.
    return sorted(p for p in root.rglob("*.yaml") if "lib" not in p.relative_to(root).parts)


def main() -> int:
    root, types_yaml, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]).resolve(), sys.argv[3]
    timeout = int(sys.argv[4]) if len(sys.argv) > 4 else 20
    # Any other http(s) address maps to a missing file: the harness never downloads, as bluevirt.
    resolver = DefaultImportResolver(
        rules=[{TYPES_URL: types_yaml.as_uri()}, {"http://": "file:///nonexistent/"}, {"https://": "file:///nonexistent/"}],
        fallback=False)
    verdicts = {}
    for path in case_files(root):
        verdicts[str(path.relative_to(root))] = verdict_in_child(path, resolver, timeout)
    pathlib.Path(out).write_text(json.dumps(verdicts, indent=1, sort_keys=True) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
