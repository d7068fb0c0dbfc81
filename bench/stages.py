#!/usr/bin/env python3
"""Where a gateway's PUBACK time went between two scrapes of its /metrics (issue 17).

    bench/stages.py BEFORE.prom AFTER.prom

Prints one Markdown cell: the mean milliseconds per stage (hazardwatch_ingest_stage_seconds{stage}) and the mean
PUBACK (hazardwatch_ingest_puback_seconds) over the messages acknowledged between the two scrapes, e.g.
"judge 0.02 + handoff 0.05 + kafka 1.10 + reply 0.04 = 1.21 of PUBACK 1.30 ms".
"""
import re
import sys

LINE = re.compile(r'^(hazardwatch_ingest_(?:stage|puback)_seconds_(?:count|sum))(\{[^}]*\})?\s+(\S+)')


def read(path):
    values = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            m = LINE.match(line)
            if m:
                stage = re.search(r'stage="([a-z]+)"', m.group(2) or "")
                values[(m.group(1).rsplit("_", 1)[1], stage.group(1) if stage else "puback")] = float(m.group(3))
    return values


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    before, after = read(sys.argv[1]), read(sys.argv[2])

    def mean_ms(name):
        count = after.get(("count", name), 0) - before.get(("count", name), 0)
        total = after.get(("sum", name), 0) - before.get(("sum", name), 0)
        return 1000 * total / count if count > 0 else None

    parts, total = [], 0.0
    for stage in ("judge", "handoff", "kafka", "reply"):
        ms = mean_ms(stage)
        if ms is not None:
            parts.append(f"{stage} {ms:.2f}")
            total += ms
    puback = mean_ms("puback")
    if not parts or puback is None:
        print("-")
        return
    print(" + ".join(parts) + f" = {total:.2f} of PUBACK {puback:.2f} ms")


if __name__ == "__main__":
    main()
