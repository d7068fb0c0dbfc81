#!/usr/bin/env python3
"""One row of bench/cluster-faults.sh's table: fault_row.py's cells (PUBACKed / Kafka / InfluxDB, the leak's alarm,
incidents, notifications, watchdog) plus the cluster's own: time to recover and throughput before / during / after.

The cluster monitor file has one JSON object a second: {"t": epoch, "accepted": {gateway: readings accepted so far},
"board": HTTP status of /ready through the balancer, "detection": the detection job's state}."""
import json

import fault_row

# the stage each fault should show on the board (a TaskManager's death restarts the detection job; a dead Kafka node
# or alert service is not a degraded stage: two nodes still serve, the standby takes over)
fault_row.EXPECTED.update({"jobmanager": "DETECTION", "taskmanager": "DETECTION", "gateway": "GATEWAY"})
NOT_A_STAGE = {"alert-active": "n/a (the watchdog runs in the alert service)"}

RECOVERED_SHARE = 0.8  # throughput back to this share of the pre-fault rate ...
RECOVERED_FOR = 3      # ... for this many seconds in a row


def samples(path):
    out = []
    for line in open(path, encoding="utf-8", errors="replace"):
        try:
            out.append(json.loads(line))
        except ValueError:
            continue
    return sorted(out, key=lambda s: s["t"])


def rates(points):
    """(t, readings/s accepted by all gateways) between consecutive samples; a gateway whose counter went back
    (restarted) counts from zero."""
    out = []
    for a, b in zip(points, points[1:]):
        dt = b["t"] - a["t"]
        if dt <= 0:
            continue
        total = 0
        for gw, n in b.get("accepted", {}).items():
            before = a.get("accepted", {}).get(gw)
            total += n - before if before is not None and n >= before else n
        out.append((b["t"], total / dt))
    return out


def mean(values):
    values = list(values)
    return sum(values) / len(values) if values else None


def throughput_recovery(rate, start):
    """Seconds from `start` until the rate is back to RECOVERED_SHARE of the load's rate before the fault (the 25 s
    before it), RECOVERED_FOR in a row; 0 when it never fell below."""
    before = mean(r for t, r in rate if start - 25 <= t < start - 2)
    if not before:
        return None, None
    after = [(t, r) for t, r in rate if t >= start]
    low = [t for t, r in after if r < RECOVERED_SHARE * before]
    if not low:
        return 0.0, before
    run = 0
    for t, r in after:
        if t <= low[0]:
            continue
        run = run + 1 if r >= RECOVERED_SHARE * before else 0
        if run >= RECOVERED_FOR:
            return t - RECOVERED_FOR - start, before
    return None, before


def state_recovery(points, start, key, good):
    """Seconds from `start` until `key` is `good` again after the last sample where it was not; 0 when every sample
    after `start` was good (back within the sampling second); None when it never came back."""
    after = [p for p in points if p["t"] >= start]
    bad = [p["t"] for p in after if p.get(key) != good]
    if not bad:
        return 0.0
    back = [p["t"] for p in after if p["t"] > bad[-1] and p.get(key) == good]
    return back[0] - start if back else None


def offline_opened(path, start, leak_sensors):
    """OFFLINE incidents opened since the fault began, but for the leak sensors' devices (left out of the load, they
    fall silent after their leak): devices of the load raised OFFLINE are false alarms of the fault."""
    leak_devices = {"/".join(k.split("/")[:2]) for k in leak_sensors}
    try:
        incidents = json.load(open(path))
    except (OSError, ValueError):
        return "-"
    false = [i for i in incidents if i["alarm"]["alarmType"] == "OFFLINE"
             and fault_row.epoch(i["openedAt"]) >= start
             and i["alarm"]["enterprise"] + "/" + i["alarm"]["device"] not in leak_devices]
    return f"**{len(false):,}**" if false else "0"


def main():
    p = fault_row.arguments()
    p.add_argument("--cluster"); p.add_argument("--storm-recovery", default="")
    p.add_argument("--leak-sensors", default="", help="every leak sensor of the run (bench-lib.sh LEAKS), space-separated")
    a = p.parse_args()
    row = fault_row.cells(a)
    if a.name in NOT_A_STAGE:
        row[8] = NOT_A_STAGE[a.name]
    elif a.name == "kafka-broker":
        shown, _ = fault_row.watchdog(a.monitor, a.fault[0], a.fault[1], None)
        row[8] = "none shown (2 of 3 nodes serve)" if shown is None else f"a stage shown degraded after {shown:.0f}"
    points = samples(a.cluster)
    rate = rates(points)
    start, end = a.fault
    recovered, before = throughput_recovery(rate, start)
    if a.name == "alert-active":
        recovered = state_recovery(points, start, "board", 200)
        how = "board answers again"
    elif a.name in ("jobmanager", "taskmanager"):
        recovered = state_recovery(points, start, "detection", "RUNNING")
        how = "every task of the detection job running again"
    elif a.name == "gateway" and a.storm_recovery not in ("", "0.0", "-1.0"):
        recovered = float(a.storm_recovery)
        how = "every device publishing again"
    elif a.name == "none":
        recovered, how = 0.0, "no fault"
    else:
        how = "throughput back"
    during_end = start + (recovered if recovered else 0) if recovered is not None else end
    during = mean(r for t, r in rate if start <= t <= max(during_end, start + 1))
    # after the part is back, until the load ended (the last second anything was accepted)
    last = max((t for t, r in rate if r > 0), default=end)
    after = mean(r for t, r in rate if end + 5 <= t <= last)
    fmt = lambda v: "-" if v is None else f"{v:,.0f}"
    row += ["**not recovered**" if recovered is None else f"{recovered:.1f} ({how})",
            f"{fmt(before)} / {fmt(during)} / {fmt(after)}", offline_opened(a.incidents, start, a.leak_sensors.split())]
    print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
