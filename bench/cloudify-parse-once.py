#!/usr/bin/env python3
"""Parse one blueprint with Cloudify's own parser and print how long that took.

Runs inside the venv that bench/setup-cloudify-peer.sh makes. Meant to be started as a fresh
process per measurement: only the two parser calls are timed (import time is not), and the
peak resident set size of the whole process is reported, as Cloudify users would see it.

Prints one line: `ms=<float> parse_ms=<float> peak_rss_kib=<int> nodes=<int>`, where ms is both
calls together and parse_ms the first (parse_from_path) alone.
"""

import resource
import sys
import time

from dsl_parser import parser, tasks


def main() -> int:
    if len(sys.argv) != 2:
        sys.stderr.write("usage: cloudify-parse-once.py BLUEPRINT\n")
        return 2
    path = sys.argv[1]
    start = time.perf_counter()
    plan = parser.parse_from_path(path)
    parsed = time.perf_counter()
    deployment = tasks.prepare_deployment_plan(plan, inputs={})
    elapsed_ms = (time.perf_counter() - start) * 1000.0
    parse_ms = (parsed - start) * 1000.0
    peak_rss_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    print(f"ms={elapsed_ms:.1f} parse_ms={parse_ms:.1f} peak_rss_kib={peak_rss_kib} nodes={len(deployment['nodes'])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
