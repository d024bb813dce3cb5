#!/usr/bin/env python3
"""Compares two rehearse builds on accuracy corpora, condition by condition.

Both builds analyse every answer of every condition of each corpus given (folders made by
make_corpus.py). A line is printed for each condition where anything differs: pause F1, false
and missed pauses, median latency and boundary errors (ms, scored as score.py scores them), the
answers reported with other voices, and the filled pauses found. The last line counts the
conditions whose F1 went up, went down, and the rest. Nothing is printed for the conditions that
came out the same, so a change meant to touch only reverberant rooms shows exactly where else it
reached.

usage: compare.py BEFORE AFTER CORPUS [CORPUS ...]
"""
import argparse
import json
import os
import subprocess
import sys
import textwrap
from concurrent.futures import ThreadPoolExecutor

sys.path.insert(0, os.path.dirname(__file__))
from score import Tally  # noqa: E402  (score.py lives beside this file)


def measure(binary, corpus, condition, names, truth):
    """The figures of one build on one condition's answers."""
    paths = [os.path.join(corpus, name) for name in names]
    output = subprocess.run([binary, "analyze", "--json", *paths], capture_output=True, text=True)
    if output.returncode not in (0, 1) or not output.stdout:
        sys.exit(f"{binary}: analyze failed on {corpus}/{condition}: {output.stderr.strip()[:200]}")
    answers = json.loads(output.stdout)
    answers = answers if isinstance(answers, list) else [answers]
    tally = Tally()
    for name, answer in zip(names, answers):
        tally.add([[s["start"], s["end"]] for s in answer["speech"]], truth[name])
    row = tally.row()
    return {
        "F1": f"{row['f1']:.3f}", "false": tally.fp, "missed": tally.fn,
        "latency ms": round(row["latencyMs"]), "boundary ms": round(row["boundaryMs"]),
        "flagged": sum(answer["reliability"]["backgroundSpeech"] for answer in answers),
        "filled": sum(len(answer.get("filledPauses") or []) for answer in answers),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before", help="the rehearse executable to compare from")
    parser.add_argument("after", help="the rehearse executable to compare with it")
    parser.add_argument("corpora", nargs="+", metavar="corpus")
    args = parser.parse_args()
    for binary in (args.before, args.after):
        if not os.access(binary, os.X_OK):
            parser.error(f"{binary}: not an executable")
    jobs = []
    for corpus in args.corpora:
        try:
            with open(os.path.join(corpus, "truth.json")) as source:
                truth = json.load(source)
        except (OSError, ValueError) as error:
            parser.error(f"{corpus}: no readable truth.json ({error})")
        for condition in dict.fromkeys(name.split("/")[0] for name in truth):
            names = sorted(n for n in truth if n.startswith(condition + "/"))
            jobs.append((corpus, condition, names, truth))

    def both(job):
        corpus, condition, names, truth = job
        return [measure(binary, corpus, condition, names, truth) for binary in (args.before, args.after)]

    counts = {"up": 0, "down": 0, "same F1": 0}
    with ThreadPoolExecutor(max(1, (os.cpu_count() or 2) // 2)) as pool:
        for (corpus, condition, _, _), (before, after) in zip(jobs, pool.map(both, jobs)):
            verdict = "up" if after["F1"] > before["F1"] else "down" if after["F1"] < before["F1"] else "same F1"
            counts[verdict] += 1
            changed = [f"{key} {before[key]} → {after[key]}" for key in before if before[key] != after[key]]
            if changed:
                line = f"{verdict:7} {os.path.basename(os.path.normpath(corpus))}/{condition}: {', '.join(changed)}"
                print(textwrap.fill(line, width=80, subsequent_indent=" " * 8, break_on_hyphens=False))
    print(", ".join(f"{count} {verdict}" for verdict, count in counts.items()) + f" (of {len(jobs)} conditions)")


if __name__ == "__main__":
    main()
