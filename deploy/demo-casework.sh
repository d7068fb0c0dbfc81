#!/usr/bin/env bash
# The one-machine demo's casework: what a park's record holds after a few weeks, entered through the alert service's
# API by the people whose step it is, so that a fresh demo shows one enterprise on each of the grading's lists:
#   - Hengda Fine Chemicals: the duty room found a MAJOR hidden danger and put it under district supervision
#     (挂牌督办) → its grade crosses the warning line → watch list (观察企业名单);
#   - Binhai Cold Chain: grid member grid1 inspected its ammonia machine room and found four MAJOR hidden dangers →
#     its grade crosses the alarm line → priority inspection list (优先检查名单).
# Run by deploy/run-local.sh once the alert service answers; does nothing if the register already holds dangers
# (a restarted demo keeps its record in Kafka). Prints both lists at the end.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

BASE="http://127.0.0.1:${HW_ALERT_HTTP_PORT:-8080}"
DUTY="duty:duty-local"
GRID="grid1:grid-local"

api() { # user method path [json]
  curl -sS --fail-with-body -u "$1" -X "$2" -H 'Content-Type: application/json' "$BASE$3" ${4:+--data "$4"}
}
id_of() { grep -o '"id":"[^"]*"' | head -1 | cut -d'"' -f4; }

for _ in $(seq 1 60); do # the service answers before its incidents are loaded: wait until the register does
  curl -sf -u "$DUTY" "$BASE/api/dangers" >/dev/null 2>&1 && break
  sleep 1
done
if api "$DUTY" GET /api/dangers | grep -q '"id"'; then
  say "demo casework: the register already holds hidden dangers (kept from an earlier run)"
  exit 0
fi

danger=$(api "$DUTY" POST /api/dangers '{"enterprise":"hengda-chemicals","unit":"罐区A tank farm A",
  "title":"液氯卸车软管超期未更换 chlorine unloading hose past its replacement date","severity":"MAJOR",
  "deadlineDays":14,"responsible":"Hengda safety officer","measures":"replace the hose, test the emergency shut-off"}' | id_of)
api "$DUTY" POST "/api/dangers/$danger/supervise" '{"level":"DISTRICT"}' >/dev/null
say "demo casework: hidden danger $danger at hengda-chemicals, under district supervision"

task=$(api "$DUTY" POST /api/tasks "{\"enterprise\":\"binhai-cold-chain\",\"assignee\":\"grid1\",
  \"title\":\"液氨制冷机房专项检查 ammonia machine room inspection\",\"due\":\"$(date -u -d '+3 days' +%F)\"}" | id_of)
api "$GRID" POST "/api/tasks/$task/result" '{"notes":"machine room, receiver and exhaust checked with the operator",
  "findings":[
    {"title":"氨泄漏报警与事故排风未联锁 ammonia detector not interlocked with the emergency exhaust","severity":"MAJOR","unit":"制冷机房及储氨器 refrigeration machine room"},
    {"title":"储氨器安全阀校验过期 receiver safety valve calibration expired","severity":"MAJOR","unit":"制冷机房及储氨器 refrigeration machine room"},
    {"title":"机房应急照明失效 emergency lighting out of order","severity":"MAJOR","unit":"制冷机房及储氨器 refrigeration machine room"},
    {"title":"无应急演练记录 no record of an ammonia-leak drill this year","severity":"MAJOR","unit":"制冷机房及储氨器 refrigeration machine room"}]}' >/dev/null
say "demo casework: inspection $task at binhai-cold-chain found 4 major hidden dangers"

for _ in $(seq 1 30); do # the grade follows at once; the lists are written with it
  lists=$(api "$DUTY" GET /api/lists)
  grep -q binhai-cold-chain <<<"$lists" && grep -q hengda-chemicals <<<"$lists" && break
  sleep 1
done
say "demo casework: priority list: $(grep -o '"priority":\[[^]]*' <<<"$lists" | grep -o '"enterprise":"[^"]*"' | cut -d'"' -f4 | sort -u | xargs)"
say "demo casework: watch list:    $(grep -o '"watch":\[.*\],"exits"' <<<"$lists" | grep -o '"enterprise":"[^"]*"' | cut -d'"' -f4 | sort -u | xargs)"
