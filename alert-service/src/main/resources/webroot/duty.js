// The duty room's shifts (值班, tab #duty, issue 21): who is on duty and leading (带班) now and next, the week's
// roster, the hand-over (the outgoing officer's form; the pending one with its server-built summary and an
// Acknowledge button), and the duty log with a search box and CSV export. A hand-over still unacknowledged 15 minutes
// into the incoming shift is flagged in the header. Everything shown is what the server resolved (GET /api/duty/...):
// who is on duty, whether it is late, who may acknowledge — nothing is decided here.
import { t } from './i18n.js';
import { json, api } from './net.js';
import { $ } from './state.js';
import { showView, routeTab } from './plan.js';
import { toast } from './header.js';
import { h } from './detail.js';

const VIEW = 'duty';
const FLAG_EVERY_MS = 60000;
const view = $('duty-view');
let now = null;
let roster = null;
let log = null;
let logQuery = '';
let draft = ''; // the hand-over notes being typed: kept when the view is drawn again

function post(path, body) {
  return json(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body || {}) });
}

/** An instant as the park's local time ("12-07 20:00"), in the zone the server named. */
function parkTime(iso, withDate) {
  if (!iso) {
    return '—';
  }
  const zone = (now && now.zone) || undefined;
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: zone, month: '2-digit', day: '2-digit', hour: '2-digit',
    minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(iso));
  const p = Object.fromEntries(parts.map((x) => [x.type, x.value]));
  return (withDate === false ? '' : p.month + '-' + p.day + ' ') + p.hour + ':' + p.minute;
}

function shiftName(name) {
  const key = 'duty.shift.' + name;
  const label = t(key);
  return label === key ? name : label;
}

function slotCard(titleKey, slot, id) {
  if (!slot) {
    return h('div', { class: 'duty-card', id }, h('h3', {}, t(titleKey)), h('p', { class: 'muted' }, t('duty.nobody')));
  }
  return h('div', { class: 'duty-card', id },
    h('h3', {}, t(titleKey)),
    h('p', { class: 'duty-shift' }, shiftName(slot.shift) + ' · ' + parkTime(slot.start) + ' – ' + parkTime(slot.end)),
    h('p', {}, h('span', { class: 'muted' }, t('duty.officer') + ' '), h('strong', { class: 'duty-officer' }, slot.officer || '—')),
    h('p', {}, h('span', { class: 'muted' }, t('duty.leader') + ' '), h('strong', { class: 'duty-leader' }, slot.leader || '—')));
}

function rosterTable() {
  if (!roster || roster.slots.length === 0) {
    return h('p', { class: 'empty' }, t('duty.noRoster'));
  }
  const head = h('tr', {}, ['duty.col.date', 'duty.col.shift', 'duty.col.time', 'duty.officer', 'duty.leader', 'duty.col.note']
    .map((k) => h('th', {}, t(k))));
  const current = now && now.current ? now.current.date + '/' + now.current.shift : '';
  const rows = roster.slots.map((s) => h('tr', { class: current === s.date + '/' + s.shift ? 'duty-now' : '',
    dataset: { date: s.date, shift: s.shift } },
  h('td', { 'data-label': t('duty.col.date') }, s.date),
  h('td', { 'data-label': t('duty.col.shift') }, shiftName(s.shift)),
  h('td', { 'data-label': t('duty.col.time') }, parkTime(s.start, false) + ' – ' + parkTime(s.end, false)),
  h('td', { 'data-label': t('duty.officer') }, s.officer || '—'),
  h('td', { 'data-label': t('duty.leader') }, s.leader || '—'),
  h('td', { 'data-label': t('duty.col.note') }, [s.overridden ? t('duty.overridden') : '', s.swap ? t('duty.swapped') : '']
    .filter(Boolean).join(' · '))));
  return h('div', { class: 'table-wrap' }, h('table', { class: 'duty-roster', id: 'duty-roster' }, h('thead', {}, head),
    h('tbody', {}, rows)));
}

function lines(titleKey, count, items, text) {
  if (!count) {
    return null;
  }
  return h('div', { class: 'duty-sum-part' }, h('h4', {}, t(titleKey, { n: count })),
    h('ul', { class: 'line-list' }, items.map((i) => h('li', {}, text(i)))));
}

function summary(s) {
  const levels = Object.entries(s.openByLevel || {}).map(([l, n]) => t('level.' + l) + ' ' + n).join(' · ');
  const line = (i) => (i.enterprise ? i.enterprise + ' · ' : '') + i.text + ' · ' + parkTime(i.when);
  return h('div', { class: 'duty-summary', id: 'handover-summary' },
    h('p', {}, t('duty.sum.open', { n: s.openIncidents }) + (levels ? ' (' + levels + ')' : '')),
    lines('duty.sum.unacked', s.unacknowledgedCount, s.unacknowledged, line),
    lines('duty.sum.feedbackLate', s.feedbackLateCount, s.feedbackLate, (i) => i.enterprise + ' · ' + t('duty.part.' + i.text) + ' · ' + parkTime(i.when)),
    lines('duty.sum.feedbackDue', s.feedbackDueCount, s.feedbackDue, (i) => i.enterprise + ' · ' + t('duty.part.' + i.text) + ' · ' + parkTime(i.when)),
    lines('duty.sum.dangersOverdue', s.dangersOverdueCount, s.dangersOverdue, line),
    lines('duty.sum.dangersDue', s.dangersDueCount, s.dangersDue, line),
    lines('duty.sum.commitments', s.commitmentsMissingCount, s.commitmentsMissing, (e) => e),
    lines('duty.sum.tasks', s.tasksOverdueCount, s.tasksOverdue, line));
}

function handoverPart() {
  if (!now || !now.mayHandOver) {
    return null;
  }
  const part = h('div', { class: 'duty-handover' }, h('h3', {}, t('duty.handover')));
  const p = now.pending;
  if (p) {
    const ho = p.handover;
    part.append(h('div', { class: 'duty-pending' + (p.late ? ' late' : ''), id: 'handover-pending', dataset: { id: ho.id } },
      h('p', {}, h('strong', {}, t('duty.pending')), ' ' + t('duty.pendingBy', { by: ho.by, at: parkTime(ho.at),
        to: ho.shift ? shiftName(ho.shift) + ' ' + (ho.incoming || '') : t('duty.nextShift') })),
      p.late ? h('p', { class: 'bad' }, t('duty.late')) : null,
      ho.notes ? h('blockquote', { class: 'duty-notes' }, ho.notes) : null,
      summary(ho.summary),
      p.mayAcknowledge ? h('button', { id: 'handover-ack', type: 'button', onclick: () => acknowledge(ho.id) },
        t('duty.acknowledge')) : null));
  }
  part.append(h('form', { class: 'duty-form', onsubmit: (e) => { e.preventDefault(); handOver(); } },
    h('label', { for: 'handover-notes' }, t('duty.notes')),
    h('textarea', { id: 'handover-notes', rows: 4, maxlength: 4000, placeholder: t('duty.notesHint'),
      oninput: (e) => { draft = e.target.value; } }, draft),
    h('button', { id: 'handover-submit', type: 'submit' }, t('duty.submit'))));
  return part;
}

function logPart() {
  const input = h('input', { id: 'log-search', type: 'search', value: logQuery, placeholder: t('duty.log.search'),
    'aria-label': t('duty.log.search') });
  input.addEventListener('change', () => { logQuery = input.value.trim(); loadLog(); });
  const csv = h('a', { href: api('api/duty/log.csv' + (logQuery ? '?q=' + encodeURIComponent(logQuery) : '')),
    download: 'duty-log.csv' }, t('duty.log.csv'));
  const entries = log ? log.entries : [];
  const body = entries.length === 0 ? h('p', { class: 'empty' }, t('duty.log.none'))
    : h('div', { class: 'table-wrap' }, h('table', { id: 'duty-log', class: 'duty-log' },
      h('thead', {}, h('tr', {}, ['duty.log.at', 'duty.log.kind', 'duty.log.subject', 'col.enterprise', 'duty.log.actor',
        'duty.log.action', 'duty.log.detail'].map((k) => h('th', {}, t(k))))),
      h('tbody', {}, entries.map((e) => h('tr', { dataset: { kind: e.kind } },
        h('td', { 'data-label': t('duty.log.at') }, parkTime(e.at)),
        h('td', { 'data-label': t('duty.log.kind') }, t('duty.kind.' + e.kind)),
        h('td', { 'data-label': t('duty.log.subject') }, e.subject),
        h('td', { 'data-label': t('col.enterprise') }, e.enterprise || '—'),
        h('td', { 'data-label': t('duty.log.actor') }, e.actor || '—'),
        h('td', { 'data-label': t('duty.log.action') }, e.action),
        h('td', { 'data-label': t('duty.log.detail') }, e.detail || ''))))));
  return h('div', { class: 'duty-log-part' }, h('h3', {}, t('duty.log')),
    h('div', { class: 'duty-log-tools' }, input, csv, log && log.more ? h('span', { class: 'muted' }, t('duty.log.more')) : null,
      log && log.auditRead === false ? h('span', { class: 'muted', id: 'log-partial' }, t('duty.log.partial')) : null),
    body);
}

function render() {
  if (document.body.dataset.view !== VIEW) {
    return;
  }
  view.replaceChildren(h('h2', {}, t('duty.title')),
    h('p', { class: 'muted' }, now ? t('duty.zone', { z: now.zone }) : ''),
    h('div', { class: 'duty-cards' }, slotCard('duty.now', now && now.current, 'duty-now'),
      slotCard('duty.next', now && now.next, 'duty-next')),
    handoverPart(),
    h('h3', {}, t('duty.week')), rosterTable(),
    logPart());
}

function flag() {
  let node = $('handover-flag');
  if (!node) {
    node = h('a', { id: 'handover-flag', class: 'handover-flag', href: '#' + VIEW, hidden: true });
    document.querySelector('header .status').prepend(node);
  }
  node.hidden = !(now && now.pendingLate);
  node.textContent = t('duty.flag');
}

function loadNow() {
  return json('api/duty/now').then((n) => { now = n; flag(); }).catch(() => {});
}

function loadLog() {
  return json('api/duty/log' + (logQuery ? '?q=' + encodeURIComponent(logQuery) : ''))
    .then((l) => { log = l; render(); view.dataset.loaded = 'true'; })
    .catch((e) => toast(t('error.action', { m: e.message })));
}

function load() {
  return Promise.all([loadNow(), json('api/duty/roster').then((r) => { roster = r; })])
    .then(render).then(loadLog).catch((e) => toast(t('error.action', { m: e.message })));
}

function handOver() {
  const button = $('handover-submit');
  button.disabled = true;
  post('api/duty/handovers', { notes: $('handover-notes').value })
    .then((r) => { draft = ''; toast(t('duty.written', { id: r.handover.id })); return load(); })
    .catch((e) => toast(t('error.action', { m: e.message })))
    .finally(() => { button.disabled = false; });
}

function acknowledge(id) {
  const button = $('handover-ack');
  button.disabled = true;
  post('api/duty/handovers/' + encodeURIComponent(id) + '/acknowledge')
    .then(() => { toast(t('duty.acknowledged')); return load(); })
    .catch((e) => { button.disabled = false; toast(t('error.action', { m: e.message })); });
}

function open() {
  showView(VIEW);
  delete view.dataset.loaded;
  if (location.hash !== '#' + VIEW) {
    history.replaceState(null, '', '#' + VIEW);
  }
  render();
  load();
}

routeTab(VIEW, open);
// the language toggle relabels the static page first (app.js), then this view and the flag are drawn again
$('lang').addEventListener('click', () => setTimeout(() => { render(); flag(); }, 0));
loadNow();
setInterval(loadNow, FLAG_EVERY_MS);
