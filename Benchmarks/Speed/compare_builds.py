#!/usr/bin/env python3
"""Times two builds of rehearse against each other, whole processes pinned to one core, rounds
alternating between the builds so that a noisy moment hurts both alike.

    compare_builds.py OLD_BINARY OLD_HOME NEW_BINARY NEW_HOME [--long FILE] [--rounds N]

OLD_HOME and NEW_HOME are copies of one practice home (`rehearse-benchmark --reports` writes one of
1000 sessions; the newer build migrates its copy on first open). --long adds `analyze FILE --json`.
Prints the fastest and the median run of each command for each build."""
import argparse
import statistics
import subprocess
import time

parser = argparse.ArgumentParser()
parser.add_argument("old_binary")
parser.add_argument("old_home")
parser.add_argument("new_binary")
parser.add_argument("new_home")
parser.add_argument("--long")
parser.add_argument("--rounds", type=int, default=8)
options = parser.parse_args()

builds = [("before", options.old_binary, options.old_home), ("after", options.new_binary, options.new_home)]
commands = [["report"], ["report", "--format", "json"], ["sessions"], ["--version"]]
if options.long:
    commands.append(["analyze", options.long, "--json"])
times = {}
for _ in range(options.rounds):
    for name, binary, home in builds:
        for command in commands:
            extra = [] if command[0] in ("--version", "analyze") else ["--home", home]
            started = time.perf_counter()
            subprocess.run(["taskset", "-c", "1", binary] + command + extra,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
            times.setdefault((name, " ".join(command[:3])), []).append(time.perf_counter() - started)
for command in commands:
    key = " ".join(command[:3])
    before, after = sorted(times[("before", key)]), sorted(times[("after", key)])
    print(f"{key[:40]:40s} before {before[0]:.3f} (median {statistics.median(before):.3f})"
          f"  after {after[0]:.3f} (median {statistics.median(after):.3f})"
          f"  {100 * (after[0] / before[0] - 1):+.1f} %")
