#!/usr/bin/env python3
"""One row of bench/fault-suite.sh's table, from the raw outputs of one fault run (see the script's header)."""
import argparse
import base64
import json
import re
import urllib.request
from datetime import datetime


def epoch(iso):
    return datetime.fromisoformat(iso.replace("Z", "+00:00")).timestamp()


def load_result(path):
    text = open(path, encoding="utf-8", errors="replace").read()
    lines = [l for l in text.splitlines() if l.startswith("RESULT")]
    if not lines:
        return {}
    return dict(kv.split("=", 1) for kv in lines[-1].split()[1:] if "=" in kv)


def stages(doc):
    """(stage, state, extra) for every stage object in the /api/monitoring answer, whatever its nesting."""
    found = []

    def walk(node):
        if isinstance(node, dict):
            if "stage" in node and "state" in node:
                found.append(node)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(doc)
    return found


def detection_lags(path):
    """(epoch s, lagMillis) of the detection job's heartbeats (TopicDump lines: "<ms> <json>"), idle ones left out."""
    lags = []
    for line in open(path, encoding="utf-8", errors="replace"):
        at, _, body = line.partition(" ")
        try:
            beat = json.loads(body)
        except ValueError:
            continue
        if beat.get("stage") == "DETECTION" and beat.get("lagMillis") is not None:
            lags.append((epoch(beat["time"]), beat["lagMillis"]))
    return sorted(lags)


# the stage each fault should show on the board; none: nothing should; the alert service's own death is seen as the
# board losing its stream (its own test), not by its watchdog
EXPECTED = {"influx": "HISTORY", "kafka-kill": "KAFKA", "kafka-pause": "KAFKA", "job-kill": "DETECTION",
            "gateway-kill": "GATEWAY"}


def watchdog(path, fault_start, fault_end, stage):
    """Seconds from the fault until `stage` is shown degraded or down, and from recovery until it is OK again; with
    stage None, seconds from the start until any stage was shown degraded or down (a false alarm)."""
    shown = cleared = None
    for line in open(path, encoding="utf-8", errors="replace"):
        at, _, body = line.partition(" ")
        try:
            doc = json.loads(body)
        except ValueError:
            continue
        at = float(at)
        states = [s for s in stages(doc) if stage is None or s.get("stage") == stage]
        if not states:
            continue
        bad = [s for s in states if s.get("state") in ("DEGRADED", "DOWN")]
        if at >= fault_start and bad and shown is None:
            shown = at - fault_start
        if at >= fault_end and not bad and cleared is None and shown is not None:
            cleared = at - fault_end
    return shown, cleared


def notifications(path, incident_id):
    """(most messages with one id, ids) the provider took for the incident: one id per transition and recipient."""
    per = {}
    try:
        for line in open(path, encoding="utf-8", errors="replace"):
            _, _, body = line.partition(" ")
            try:
                msg = json.loads(body)
            except ValueError:
                continue
            if msg.get("incidentKey") == incident_id:
                per[msg.get("id")] = per.get(msg.get("id"), 0) + 1
    except FileNotFoundError:
        pass
    return (max(per.values()) if per else 0), len(per)


def catch_up(detection_lag, fault_start, fault_end, rate):
    """Readings/s the job judged while catching up: the backlog of the outage plus what arrived meanwhile, over the
    time from recovery until its lag was below 5 s (assumes the load went on at its rate throughout)."""
    after = [(at, lag) for at, lag in detection_lag if at >= fault_end]
    behind = [at for at, lag in after if lag > 5000]
    if not behind:
        return None
    caught = next((at for at, lag in after if at > behind[-1] and lag <= 5000), None)
    if caught is None:
        return None
    catching = caught - fault_end
    outage = fault_end - fault_start
    return rate * (outage + catching) / catching if catching > 0 else None


def fetch(url, login):
    request = urllib.request.Request(url)
    request.add_header("Authorization", "Basic " + base64.b64encode(login.encode()).decode())
    with urllib.request.urlopen(request, timeout=10) as answer:
        return json.load(answer)


def arguments():
    p = argparse.ArgumentParser()
    p.add_argument("--name"); p.add_argument("--sensor"); p.add_argument("--leak"); p.add_argument("--load")
    p.add_argument("--incidents"); p.add_argument("--monitor"); p.add_argument("--heartbeats"); p.add_argument("--notifications"); p.add_argument("--alert"); p.add_argument("--login")
    p.add_argument("--kafka", nargs=2); p.add_argument("--influx"); p.add_argument("--fault", nargs=2, type=float)
    p.add_argument("--rate", type=float)
    return p


def cells(a):
    """The row's cells (fault … catch-up), from parsed arguments()."""
    fault_start, fault_end = a.fault

    load = load_result(a.load)
    acked = int(load.get("readings_acked", load.get("acked", 0)))  # `load` / `load --fleet`
    try:
        in_kafka = int(a.kafka[1]) - int(a.kafka[0])
        kafka = f"{in_kafka:,} (+{in_kafka - acked:,})" if in_kafka >= acked else f"**{in_kafka:,} ({acked - in_kafka:,} LOST)**"
    except ValueError:
        kafka = "-"
    influx = f"{int(a.influx):,}" if a.influx.isdigit() else a.influx

    first = open(a.leak).read().split()[1] if open(a.leak).read().strip() else "none"
    key = a.sensor + "/THRESHOLD"
    try:
        incidents = [i for i in json.load(open(a.incidents)) if i["alarm"]["alarmKey"] == key]
    except (ValueError, KeyError, TypeError):
        incidents = []
    if first == "none":
        raised, board, opened, notes = "no leak reading accepted", "-", "-", "-"
    else:
        first = float(first)
        mine = [i for i in incidents if epoch(i["alarm"]["raisedAt"]) >= first - 1]
        opened = str(len(mine))
        if mine:
            inc = min(mine, key=lambda i: epoch(i["openedAt"]))
            raised = "yes (level " + ("2" if inc["alarm"]["level"] == "SECOND" else "1") + ")"
            board = f"{epoch(inc['openedAt']) - first:.1f}"
            most, ids = notifications(a.notifications, inc["id"])
            notes = f"{most} (of {ids})" if ids else "none sent"
        else:
            raised, board, notes = "**NO**", "-", "-"

    stage = EXPECTED.get(a.name)
    shown, cleared = watchdog(a.monitor, fault_start, fault_end, stage)
    lag = detection_lags(a.heartbeats)
    if a.name == "none":
        wd = "none shown" if shown is None else f"**a stage shown degraded after {shown:.0f}** (no fault)"
    elif stage is None:
        wd = "n/a (the watchdog runs in the alert service)"
    else:
        wd = (stage.lower() + ": " + ("**not shown**" if shown is None else f"{shown:.0f}") + " / "
              + ("-" if cleared is None else f"{cleared:.0f}"))
    rate = catch_up(lag, fault_start, fault_end, a.rate)
    return [a.name, f"{acked:,}", kafka, influx, raised, board, opened, notes, wd,
            "-" if rate is None else f"{rate:,.0f}"]


def main():
    print("| " + " | ".join(cells(arguments().parse_args())) + " |")


if __name__ == "__main__":
    main()
