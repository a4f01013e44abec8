#!/usr/bin/env python3
"""Compares the Swift reader's accept/reject verdicts on fuzzed files with Python safetensors.

Made with: Python 3.11, safetensors 0.8.0, numpy 2.4.6.

    REME_FUZZ_DUMP=/tmp/mutants swift test --filter dumpMutantsForPython
    .venv/bin/python scripts/compare_safetensors_validation.py /tmp/mutants

Prints how often both agree and lists every disagreement with both verdicts.
"""
import collections
import sys

from safetensors import safe_open


def python_verdict(path):
    try:
        with safe_open(path, framework="np") as f:
            return "ok", ",".join(sorted(f.keys()))
    except Exception as e:  # noqa: BLE001 - any rejection counts
        return "error", f"{type(e).__name__}: {e}".replace("\n", " ")


def main(folder):
    agree = 0
    disagreements = []
    counts = collections.Counter()
    for line in open(f"{folder}/verdicts.tsv"):
        name, swift, detail = line.rstrip("\n").split("\t", 2)
        py, py_detail = python_verdict(f"{folder}/{name}")
        counts[(swift, py)] += 1
        if swift == py and (swift == "error" or detail == py_detail):
            agree += 1
        else:
            disagreements.append((name, swift, detail, py, py_detail))
    total = agree + len(disagreements)
    print(f"{agree}/{total} verdicts agree; (swift, python) counts: {dict(counts)}")
    for name, swift, detail, py, py_detail in disagreements:
        print(f"{name}: swift {swift} [{detail}] | python {py} [{py_detail}]")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/tmp/mutants")
