#!/usr/bin/env python3
"""Measure `bluevirt validate` against the libyaml floor and Cloudify's parser; print a table.

bench/run-validate-bench.sh builds everything and calls this; run that script, not this one.
For each size N it measures, on the generated files in --work-dir:
  - the libyaml floor: bare event parse in C (median of 20 runs);
  - bluevirt in-process: BlueprintLoader.load(path:) in bluevirt-bench (median after a first,
    cold load), and its peak RSS;
  - the whole `bluevirt validate FILE` process: hyperfine (median), and peak RSS from
    /usr/bin/time -v;
  - instructions executed (valgrind's callgrind) by the whole floor process and the whole
    `bluevirt validate` process: unlike wall time, these do not change when other work shares
    the machine;
  - Cloudify's parser (parse_from_path + prepare_deployment_plan), a fresh process per run,
    only for the sizes in --cloudify-sizes (it grows towards N^2: more than an hour at 10,000).
Raw numbers go to WORK_DIR/results.json; the table (Markdown) to standard output.
"""

import argparse
import json
import os
import pathlib
import platform
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import time

GENERATOR = pathlib.Path(__file__).resolve().parent / "generate-blueprint.py"
PEER_SCRIPT = pathlib.Path(__file__).resolve().parent / "cloudify-parse-once.py"


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def key_values(line: str) -> dict:
    """Parses `a=1 b=2.5` into {'a': 1.0, 'b': 2.5}."""
    return {key: float(value) for key, value in re.findall(r"(\w+)=([-\d.]+)", line)}


def run_checked(command: list, **kwargs) -> str:
    result = subprocess.run(command, capture_output=True, text=True, **kwargs)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, command))} failed ({result.returncode}):\n"
                           f"{result.stdout[-2000:]}{result.stderr[-2000:]}")
    return result.stdout


def generate(nodes: int, flavour: str, work_dir: pathlib.Path) -> pathlib.Path:
    path = work_dir / f"{flavour}-{nodes}.yaml"
    run_checked([sys.executable, str(GENERATOR), "--nodes", str(nodes), "--flavour", flavour,
                 "-o", str(path)])
    return path


def floor(binary: str, path: pathlib.Path) -> dict:
    return key_values(run_checked([binary, str(path), "20"]))


def in_process(binary: str, path: pathlib.Path, runs: int) -> dict:
    result = subprocess.run([binary, str(path), str(runs)], capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"bluevirt-bench failed ({result.returncode}): {result.stderr[-2000:]}")
    if result.stderr.strip():
        log("bluevirt-bench reported errors in the generated blueprint:\n" + result.stderr)
    return key_values(result.stdout)


def whole_process(bluevirt: str, path: pathlib.Path, work_dir: pathlib.Path, runs: int) -> dict:
    check = subprocess.run([bluevirt, "validate", str(path)], capture_output=True, text=True)
    if check.returncode != 0:
        log(f"bluevirt validate {path.name} exited {check.returncode}:\n{check.stderr[-1500:]}")
    export = work_dir / f"hyperfine-{path.stem}.json"
    run_checked(["hyperfine", "--style", "none", "--shell=none", "--warmup", "2", "--runs",
                 str(runs), "--ignore-failure", "--export-json", str(export),
                 shlex.join([bluevirt, "validate", str(path)])])
    times = json.loads(export.read_text())["results"][0]["times"]
    # /usr/bin/time -v writes its report to standard error, after bluevirt's own output.
    timed = subprocess.run(["/usr/bin/time", "-v", bluevirt, "validate", str(path)],
                           capture_output=True, text=True).stderr
    peak = re.search(r"Maximum resident set size \(kbytes\): (\d+)", timed)
    return {
        "median_ms": statistics.median(times) * 1000.0,
        "min_ms": min(times) * 1000.0,
        "runs": len(times),
        "peak_rss_kib": int(peak.group(1)) if peak else None,
        "exit_status": check.returncode,
    }


def startup(bluevirt: str, work_dir: pathlib.Path) -> dict:
    """The cost of starting the process at all: `bluevirt --version`, which loads no blueprint."""
    export = work_dir / "hyperfine-version.json"
    run_checked(["hyperfine", "--style", "none", "--shell=none", "--warmup", "3", "--runs", "30",
                 "--export-json", str(export), shlex.join([bluevirt, "--version"])])
    times = json.loads(export.read_text())["results"][0]["times"]
    return {"median_ms": statistics.median(times) * 1000.0, "min_ms": min(times) * 1000.0}


def instructions(command: list) -> int:
    """Instructions the command executes, counted by callgrind (independent of machine load)."""
    result = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"]
                            + command, capture_output=True, text=True)
    return int(re.search(r"Collected : (\d+)", result.stderr)[1])


def cloudify(python: str, path: pathlib.Path, runs: int) -> dict:
    measured = []
    for run in range(runs):
        log(f"  Cloudify run {run + 1}/{runs} on {path.name}")
        # A fresh process per run, without a network, so nothing can be fetched.
        command = [python, str(PEER_SCRIPT), str(path)]
        if shutil.which("unshare") and os.geteuid() == 0:
            command = ["unshare", "--net"] + command
        measured.append(key_values(run_checked(command)))
    return {
        "median_ms": statistics.median(m["ms"] for m in measured),
        "min_ms": min(m["ms"] for m in measured),
        "parse_median_ms": statistics.median(m["parse_ms"] for m in measured),
        "runs": runs,
        "peak_rss_kib": max(m["peak_rss_kib"] for m in measured),
    }


def machine() -> dict:
    cpu = "unknown"
    for line in pathlib.Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    memory_kib = int(re.search(r"MemTotal:\s+(\d+)", pathlib.Path("/proc/meminfo").read_text())[1])
    os_name = re.search(r'PRETTY_NAME="([^"]+)"', pathlib.Path("/etc/os-release").read_text())
    swift = run_checked(["swift", "--version"]).splitlines()
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "memory_gib": round(memory_kib / 1024 / 1024, 1),
        "os": os_name[1] if os_name else platform.platform(),
        "kernel": platform.release(),
        "swift": next((line for line in swift if "Swift version" in line), swift[0]),
        "libyaml": run_checked(["pkg-config", "--modversion", "yaml-0.1"]).strip(),
        "load_average_at_start": os.getloadavg(),
    }


def fmt(value, digits=1) -> str:
    return "—" if value is None else f"{value:,.{digits}f}"


def table(results: list) -> str:
    """Times as `median (fastest)`: on a shared machine the fastest run is the least disturbed."""
    header = ("| N | file KiB | libyaml floor ms | bluevirt in-process ms | of which YAML tree ms "
              "| in-process / floor | bluevirt process ms | bluevirt peak RSS MiB "
              "| instructions M: floor / bluevirt process | Cloudify ms | Cloudify peak RSS MiB |")
    lines = [header, "|" + "---|" * (header.count(" | ") + 1)]

    def timing(measured, digits=1):
        return f"{fmt(measured['median_ms'], digits)} ({fmt(measured['min_ms'], digits)})"

    for r in results:
        floor_, inproc, process, peer = r["floor"], r["in_process"], r["process"], r.get("cloudify")
        counts = r.get("instructions")
        cells = [f"{r['nodes']:,}", fmt(r["file_bytes"] / 1024, 0), timing(floor_, 2)]
        if inproc and process:
            cells += [
                timing(inproc, 1), fmt(inproc["yaml_median_ms"], 1),
                f"{inproc['median_ms'] / floor_['median_ms']:.1f}x "
                f"({inproc['min_ms'] / floor_['min_ms']:.1f}x)",
                timing(process, 1),
                f"{fmt(process['peak_rss_kib'] / 1024)} (in-process {fmt(inproc['peak_rss_kib'] / 1024)})",
                f"{fmt(counts['floor'] / 1e6, 0)} / {fmt(counts['bluevirt'] / 1e6, 0)} "
                f"({counts['bluevirt'] / counts['floor']:.1f}x)",
            ]
        else:
            cells += ["—"] * 6
        cells += [timing(peer, 0), fmt(peer["peak_rss_kib"] / 1024)] if peer else ["not run", "—"]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work-dir", required=True, type=pathlib.Path)
    parser.add_argument("--floor", required=True, help="the compiled libyaml-floor")
    parser.add_argument("--bench", help="bluevirt-bench (release); omit to skip bluevirt")
    parser.add_argument("--bluevirt", help="bluevirt (release); omit to skip bluevirt")
    parser.add_argument("--cloudify-python", help="python of the Cloudify venv; omit to skip")
    parser.add_argument("--sizes", default="100,1000,10000")
    parser.add_argument("--cloudify-sizes", default="100,1000")
    parser.add_argument("--cloudify-runs", default="100:5,1000:1",
                        help="runs per size as N:RUNS,... (one process per run)")
    arguments = parser.parse_args()

    sizes = [int(s) for s in arguments.sizes.split(",")]
    cloudify_sizes = {int(s) for s in arguments.cloudify_sizes.split(",") if s}
    cloudify_runs = {int(k): int(v) for k, v in
                     (pair.split(":") for pair in arguments.cloudify_runs.split(","))}
    arguments.work_dir.mkdir(parents=True, exist_ok=True)

    info = machine()
    if arguments.bluevirt:
        info["bluevirt_startup"] = startup(arguments.bluevirt, arguments.work_dir)
    results = []
    for nodes in sizes:
        log(f"N = {nodes}")
        ours = generate(nodes, "bluevirt", arguments.work_dir)
        theirs = generate(nodes, "cloudify", arguments.work_dir)
        result = {"nodes": nodes, "file_bytes": ours.stat().st_size,
                  "floor": floor(arguments.floor, ours), "in_process": None, "process": None}
        if arguments.bench and arguments.bluevirt:
            result["in_process"] = in_process(arguments.bench, ours, 20 if nodes < 10000 else 10)
            result["process"] = whole_process(arguments.bluevirt, ours, arguments.work_dir,
                                              20 if nodes < 10000 else 10)
            result["instructions"] = {
                "floor": instructions([arguments.floor, str(ours), "1"]),
                "bluevirt": instructions([arguments.bluevirt, "validate", str(ours)]),
            }
        if arguments.cloudify_python and nodes in cloudify_sizes:
            result["cloudify"] = cloudify(arguments.cloudify_python, theirs,
                                          cloudify_runs.get(nodes, 1))
        results.append(result)

    info["load_average_at_end"] = os.getloadavg()
    (arguments.work_dir / "results.json").write_text(
        json.dumps({"machine": info, "results": results}, indent=2))
    print(f"Machine: {info['nproc']} cores ({info['cpu']}), {info['memory_gib']} GiB, "
          f"{info['os']}, kernel {info['kernel']}; {info['swift']}; libyaml {info['libyaml']}; "
          f"load average (1, 5, 15 min) at start {', '.join(f'{x:.2f}' for x in info['load_average_at_start'])}, "
          f"at end {', '.join(f'{x:.2f}' for x in info['load_average_at_end'])}")
    if "bluevirt_startup" in info:
        print(f"Process start alone (`bluevirt --version`): "
              f"{info['bluevirt_startup']['median_ms']:.1f} ms median, "
              f"{info['bluevirt_startup']['min_ms']:.1f} ms fastest")
    print()
    print(table(results))
    growth = [(r["nodes"], r["in_process"]["median_ms"] / r["nodes"] * 1000.0,
               r["process"]["median_ms"] / r["nodes"] * 1000.0)
              for r in results if r["in_process"] and r["process"]]
    if growth:
        print("\nGrowth, bluevirt ms per 1,000 node templates (in-process / process): " +
              "; ".join(f"N = {n:,}: {a:.1f} / {b:.1f}" for n, a, b in growth))
    skipped = [n for n in sizes if n not in cloudify_sizes]
    if skipped and arguments.cloudify_python:
        print(f"\nCloudify not run at N = {', '.join(map(str, skipped))}: it grows towards N^2 "
              "(more than an hour at 10,000 node templates).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
