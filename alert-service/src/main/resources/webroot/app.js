'use strict';
// HazardWatch duty-room board. One list entry per open incident, fed by the Server-Sent-Events stream (snapshot,
// alarm, incident, risk, monitoring) — no polling. Every row is the one the server computed (incident id, status,
// alarm, grid cell): this page draws it and decides nothing. This file wires the parts together and starts them.
import { t, setLanguage, language, applyStatic } from './i18n.js';
import { createDetail } from './detail.js';
import { createSound } from './sound.js';
import { createRefused } from './refused.js';
import { api, json, fmt, logout } from './net.js';
import { state, $, enterpriseName, mayHandle, trendOf } from './state.js';
import { createTable } from './table.js';
import { createRows } from './rows.js';
import { connectStream } from './stream.js';
import { setConnection, renderStages, checkFeed, toast, footer } from './header.js';
import { createFilters } from './filters.js';
import { createPlan, showView } from './plan.js';
import './tasks.js';
import './commitments.js';
import { createEnterprisePage } from './enterprise.js';
import './dangers.js';
import { createGrading } from './grading.js';
import './reports.js';
import './duty.js';
import { zoneReady } from './zone.js';
import './messages.js';

const REMIND_EVERY_MS = 60000;

// The page's forms are read by script, never submitted (no inline handlers: the Content-Security-Policy forbids them).
document.querySelectorAll('form').forEach((f) => f.addEventListener('submit', (e) => e.preventDefault()));
$('logout').addEventListener('click', () => logout());
let lastSecondAlarmAt = 0;

/** A duty officer's command on an incident; the changed row comes back on the stream once committed. */
function command(id, name, payload) {
  return json('api/incidents/' + encodeURIComponent(id) + '/' + name, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(payload || {})
  }).catch((e) => {
    toast(t('error.action', { m: e.message }));
    throw e;
  });
}

const sound = createSound($('mute'), t);
const detail = createDetail({
  panel: $('detail'),
  body: $('detail-body'),
  t,
  api,
  fmt,
  json,
  command,
  row: (id) => state.rows.get(id),
  trend: trendOf,
  mayHandle,
  enterpriseName,
  me: () => state.me
});
const refused = createRefused({ node: $('refused'), t, json, enterpriseName });
const table = createTable($('alarm-rows'), {
  onAck: (id) => command(id, 'acknowledge'),
  onOpen: (id) => detail.open(id),
  onCounts: () => { filters.update(); plan.update(); }
});
const filters = createFilters(() => table.refresh());
const plan = createPlan(filters.set);
const grading = createGrading(() => plan.update());
const rows = createRows({
  state,
  table,
  detail,
  onSecondLevel: () => {
    lastSecondAlarmAt = Date.now();
    sound.alarm();
  }
});

// ---- the stream ----------------------------------------------------------------------------------------
function applySnapshot(snapshot) {
  rows.snapshot(snapshot);
  json('api/risk').then((list) => list.forEach(applyRisk)).then(() => {
    rows.loaded();
    table.refresh();
    document.body.dataset.loaded = 'true';
    footer(t('footer.loaded', { t: fmt.now() }));
  }).catch((e) => toast(t('error.action', { m: e.message })));
}

function applyAlarm(row) {
  rows.apply(row, true);
  footer(t('footer.change', { t: fmt.now() }) + ' · ' + enterpriseName(row.alarm.enterprise) + ' '
    + row.alarm.sensor + ' ' + t('level.' + row.alarm.level));
}

function applyRisk(risk) {
  state.risk.set(risk.enterprise, risk);
  table.refresh();
  grading.changed();
}

function resumed(replayed) {
  checkFeed();
  document.body.dataset.resumes = String(Number(document.body.dataset.resumes || 0) + 1);
  footer(t('footer.resumed', { t: fmt.now(), n: '…' }));
  setTimeout(() => {
    const n = replayed();
    if (n !== null) {
      footer(t('footer.resumed', { t: fmt.now(), n }));
    }
  }, 1000);
}

// ---- language, views ------------------------------------------------------------------------------------
function relabel() {
  applyStatic(document);
  filters.relabel();
  setConnection($('connection').dataset.state);
  renderStages();
  sound.render();
  refused.rerender();
  plan.renderLegend();
  grading.rerender();
  table.all(true);
  detail.rerender();
  if (state.me) {
    $('me').textContent = t('user', { u: state.me.username, r: t('role.' + state.me.role) });
  }
}

$('lang').addEventListener('click', () => {
  setLanguage(language() === 'zh' ? 'en' : 'zh');
  relabel();
});
document.querySelectorAll('.tab').forEach((b) => b.addEventListener('click', () => showView(b.dataset.tab)));

// A hook for the browser test of the board's speed: apply synthetic board rows without the network.
window.hwBoard = {
  applyAlarm,
  applyIncident: (row) => rows.apply(row, false),
  rowCount: () => state.rows.size,
  renderedRows: table.renderedRows
};

// ---- start --------------------------------------------------------------------------------------------
relabel();
showView('list');
zoneReady.then(() => relabel()); // times drawn before the park's zone was known are drawn again in it
json('api/me').then((me) => {
  state.me = me;
  document.body.dataset.role = me.role;
  relabel();
}).catch(() => {});
// refused-message counts after the plan: they are shown with the enterprises' names
plan.load()
  .then(() => table.all(true))
  .catch((e) => toast(t('error.action', { m: e.message })))
  .finally(() => {
    connectStream({
      snapshot: applySnapshot,
      alarm: applyAlarm,
      incident: (row) => rows.apply(row, false),
      risk: applyRisk,
      monitoring: (view) => { state.monitoring = view; renderStages(); },
      connection: setConnection,
      resumed,
      lost: checkFeed
    });
    refused.refresh();
    grading.route();
  });
checkFeed();
createEnterprisePage({ openIncident: (id) => detail.open(id) });
// a link to one incident (#incident/<id>, e.g. from the message asking an enterprise for its feedback) opens it
function openFromHash() {
  const m = /^#incident\/(.+)$/.exec(location.hash);
  if (m) {
    detail.open(decodeURIComponent(m[1]));
  }
}
window.addEventListener('hashchange', openFromHash);
openFromHash();
setInterval(() => table.all(false), 30000);
setInterval(() => {
  if (rows.awaitingSecondLevel() && Date.now() - lastSecondAlarmAt > REMIND_EVERY_MS) {
    sound.reminder();
  }
}, REMIND_EVERY_MS);
