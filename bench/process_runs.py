"""Whole-process measurements shared by the benchmark scripts: one run's times and page faults,
and a process's instructions under callgrind."""
import os
import shutil
import subprocess
import sys
import time


def once(argv):
    """Wall ms, CPU ms (user + system of the child) and minor page faults of one run, output
    dropped; exits when the command fails."""
    start = time.perf_counter()
    with open(os.devnull, "wb") as null:
        child = subprocess.Popen(argv, stdout=null, stderr=null)
        _, status, usage = os.wait4(child.pid, 0)
    wall = (time.perf_counter() - start) * 1000
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        sys.exit(f"{' '.join(argv)} exited with {code}")
    return wall, (usage.ru_utime + usage.ru_stime) * 1000, usage.ru_minflt


def instructions(argv, environment=None):
    """Instructions the whole process executes (callgrind), or None without valgrind."""
    if not shutil.which("valgrind"):
        return None
    out = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *argv],
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                         env=environment).stderr
    for line in out.splitlines():
        if "refs:" in line:
            return int(line.split()[-1].replace(",", ""))
    return None
