// The hidden-danger register (隐患, tab #dangers): the year's targets, the register with its filters (overdue rows
// highlighted), a report form and a danger's detail with the moves this user may make. Everything shown is what the
// server computed — the counts, "overdue", and which moves are allowed (each danger's `actions`): nothing is decided here.
import { t } from './i18n.js';
import { json, fmt } from './net.js';
import { state, $, enterpriseName } from './state.js';
import { showView } from './plan.js';
import { toast } from './header.js';
import { h } from './detail.js';

const STATUSES = ['REPORTED', 'RECTIFYING', 'SUBMITTED', 'SENT_BACK', 'ACCEPTED', 'CLOSED'];
const LEVELS = ['CITY', 'DISTRICT', 'STREET'];
const REFRESH_MS = 30000;

const view = $('dangers-view');
const filters = { status: '', overdue: false, enterprise: '' };
let dangers = [];
let targets = null;
let openId = null;
let refreshTimer = null;

function post(path, body) {
  return json(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body || {}) });
}

function query() {
  const q = new URLSearchParams();
  Object.entries(filters).forEach(([k, v]) => { if (v) { q.set(k, String(v)); } });
  return q.toString();
}

function load() {
  return Promise.all([json('api/dangers?' + query()), json('api/dangers/targets')]).then(([list, counts]) => {
    dangers = list;
    targets = counts;
    render();
    view.dataset.loaded = 'true';
  }).catch((e) => toast(t('error.action', { m: e.message })));
}

// ---- drawing -----------------------------------------------------------------------------------------------

function render() {
  view.replaceChildren(
    h('div', { class: 'danger-head' }, h('h2', {}, t('danger.title')),
      h('a', { id: 'danger-export', class: 'link', href: 'api/dangers/export.csv?' + query(), download: 'hidden-dangers.csv' },
        t('danger.export'))),
    renderTargets(), renderFilters(), renderForm(), renderList(), renderDetail());
}

function renderTargets() {
  if (!targets) {
    return h('div', { id: 'danger-targets', class: 'danger-targets' });
  }
  const c = targets;
  const card = (key, value, met) => h('div', { class: 'target', dataset: met === undefined ? {} : { met: String(met) } },
    h('span', { class: 'target-value' }, String(value)), h('span', { class: 'target-label' }, t(key)));
  const rate = c.onTimeRate === null ? '—' : c.onTimeRate + ' %';
  return h('div', { id: 'danger-targets', class: 'danger-targets' },
    h('h3', {}, t('danger.targets', { y: c.year })),
    h('div', { class: 'target-cards' },
      card('danger.t.opened', c.opened), card('danger.t.closed', c.closed), card('danger.t.major', c.major),
      card('danger.t.supervised', c.supervisedTotal + ' / ' + c.targets.supervised, c.supervisedMet),
      card('danger.t.onTime', c.onTime), card('danger.t.late', c.late), card('danger.t.overdue', c.overdueNow, c.overdueNow === 0),
      card('danger.t.rate', rate + ' / ' + c.targets.onTimeRate + ' %', c.onTimeRateMet)),
    h('p', { class: 'muted small' }, LEVELS.map((l) => t('danger.level.' + l) + ' ' + c.supervised[l]).join(' · ')));
}

function select(id, options, value, onChange) {
  const s = h('select', { id, onchange: (e) => onChange(e.target.value) },
    options.map(([v, label]) => h('option', { value: v, selected: v === value }, label)));
  return s;
}

function enterprises() {
  return [...state.names.keys()].sort().map((id) => [id, enterpriseName(id)]);
}

function renderFilters() {
  return h('form', { id: 'danger-filters', class: 'filters', onsubmit: (e) => e.preventDefault() },
    h('label', {}, h('span', {}, t('filter.enterprise')),
      select('danger-f-enterprise', [['', t('filter.all')], ...enterprises()], filters.enterprise,
        (v) => { filters.enterprise = v; load(); })),
    h('label', {}, h('span', {}, t('danger.col.status')),
      select('danger-f-status', [['', t('filter.all')], ...STATUSES.map((s) => [s, t('danger.status.' + s)])],
        filters.status, (v) => { filters.status = v; load(); })),
    h('label', { class: 'check' }, h('input', { id: 'danger-f-overdue', type: 'checkbox', checked: filters.overdue,
      onchange: (e) => { filters.overdue = e.target.checked; load(); } }), h('span', {}, t('danger.overdueOnly'))));
}

function renderForm() {
  const mine = state.me && state.me.role === 'ENTERPRISE';
  const field = (key, input) => h('label', {}, h('span', {}, t(key)), input);
  const form = h('form', { id: 'danger-form', class: 'danger-form', onsubmit: (e) => { e.preventDefault(); create(form); } },
    mine ? null : field('danger.col.enterprise', select('danger-enterprise', enterprises(), '', () => {})),
    field('danger.col.title', h('input', { id: 'danger-title', name: 'title', required: true, maxlength: 200 })),
    field('danger.col.unit', h('input', { id: 'danger-unit', name: 'unit', maxlength: 200 })),
    field('danger.col.severity', select('danger-severity', ['GENERAL', 'MAJOR'].map((s) => [s, t('danger.severity.' + s)]),
      'GENERAL', () => {})),
    field('danger.deadlineDays', h('input', { id: 'danger-days', name: 'deadlineDays', type: 'number', min: 1, value: 7 })),
    field('danger.col.responsible', h('input', { id: 'danger-responsible', name: 'responsible', maxlength: 200 })),
    field('danger.measures', h('textarea', { id: 'danger-measures', name: 'measures', rows: 2, maxlength: 4000 })),
    field('danger.description', h('textarea', { id: 'danger-description', name: 'description', rows: 2, maxlength: 4000 })),
    h('button', { id: 'danger-create', type: 'submit', class: 'primary' }, t(mine ? 'danger.selfReport' : 'danger.create')));
  return h('details', { class: 'danger-new', open: view.dataset.formOpen === 'true',
    ontoggle: (e) => { view.dataset.formOpen = String(e.target.open); } },
  h('summary', {}, t(mine ? 'danger.selfReport' : 'danger.new')), form);
}

function create(form) {
  const value = (id) => { const n = form.querySelector('#' + id); return n && n.value.trim() ? n.value.trim() : undefined; };
  post('api/dangers', {
    enterprise: value('danger-enterprise'), title: value('danger-title'), unit: value('danger-unit'),
    severity: value('danger-severity'), deadlineDays: Number(value('danger-days')) || undefined,
    responsible: value('danger-responsible'), measures: value('danger-measures'), description: value('danger-description')
  }).then((d) => {
    view.dataset.formOpen = 'false';
    openId = d.id;
    toast(t('danger.created', { id: d.id }));
    return load();
  }).catch((e) => toast(t('error.action', { m: e.message })));
}

function renderList() {
  const rows = dangers.map((d) => h('tr', { class: 'danger-row', dataset: { id: d.id, overdue: String(d.overdue), status: d.status },
    onclick: () => { openId = d.id; render(); } },
  h('td', {}, d.id), h('td', { class: 'enterprise' }, enterpriseName(d.enterprise)),
  h('td', { class: 'title' }, d.title, d.unit ? h('span', { class: 'muted' }, ' · ' + d.unit) : null),
  h('td', {}, h('span', { class: 'sev', dataset: { severity: d.severity } }, t('danger.severity.' + d.severity)),
    d.supervision ? h('span', { class: 'supervised' }, ' ' + t('danger.level.' + d.supervision.level)) : null),
  h('td', {}, t('danger.status.' + d.status)),
  h('td', {}, fmt.time(d.deadline), d.overdue ? h('span', { class: 'overdue-tag' }, ' ' + t('danger.overdue')) : null),
  h('td', {}, t('danger.source.' + d.source))));
  return h('div', { class: 'table-wrap' },
    h('table', { id: 'dangers' }, h('thead', {}, h('tr', {}, ['id', 'enterprise', 'title', 'severity', 'status', 'deadline', 'source']
      .map((c) => h('th', {}, t('danger.col.' + c))))), h('tbody', { id: 'danger-rows' }, rows)),
    dangers.length === 0 ? h('p', { class: 'empty' }, t('danger.empty')) : null);
}

function renderDetail() {
  const d = dangers.find((x) => x.id === openId);
  if (!d) {
    return h('div', { id: 'danger-detail', hidden: true });
  }
  const row = (key, value) => (value ? h('div', { class: 'kv' }, h('span', { class: 'muted' }, t(key)), h('span', {}, value)) : null);
  return h('div', { id: 'danger-detail', class: 'danger-detail', dataset: { id: d.id, status: d.status, overdue: String(d.overdue) } },
    h('div', { class: 'detail-head' }, h('h3', {}, d.id + ' · ' + d.title),
      h('button', { class: 'icon', 'aria-label': 'close', onclick: () => { openId = null; render(); } }, '×')),
    row('danger.col.enterprise', enterpriseName(d.enterprise) + (d.gridCell ? ' · ' + d.gridCell : '')),
    row('danger.col.unit', d.unit), row('danger.col.severity', t('danger.severity.' + d.severity)),
    row('danger.col.status', t('danger.status.' + d.status)),
    row('danger.col.deadline', fmt.time(d.deadline) + (d.overdue ? ' · ' + t('danger.overdue') : '')),
    row('danger.col.responsible', d.responsible), row('danger.measures', d.measures), row('danger.description', d.description),
    row('danger.col.source', t('danger.source.' + d.source)),
    row('danger.supervision', d.supervision ? t('danger.level.' + d.supervision.level) + ' · ' + d.supervision.by : null),
    row('danger.acceptedOnTime', d.acceptedOnTime === null || d.acceptedOnTime === undefined ? null
      : t(d.acceptedOnTime ? 'danger.onTime' : 'danger.late')),
    row('danger.incidents', d.incidentIds.join(', ')),
    renderActions(d),
    h('h4', {}, t('danger.progress')),
    h('ul', { class: 'notes' }, d.progress.slice().reverse().map((n) => h('li', {}, fmt.time(n.at) + ' ' + n.by + ': ' + n.text))),
    h('h4', {}, t('danger.history')),
    h('ul', { class: 'notes' }, d.history.slice().reverse().map((c) => h('li', {},
      fmt.time(c.at) + ' ' + c.by + ' · ' + t('danger.action.' + c.action) + (c.detail ? ': ' + c.detail : '')))));
}

function renderActions(d) {
  if (d.actions.length === 0) {
    return null;
  }
  const text = h('textarea', { id: 'danger-text', rows: 2, maxlength: 4000, placeholder: t('danger.text') });
  const measures = d.actions.includes('start') ? h('input', { id: 'danger-start-measures', placeholder: t('danger.measures') }) : null;
  const responsible = d.actions.includes('start')
    ? h('input', { id: 'danger-start-responsible', placeholder: t('danger.col.responsible') }) : null;
  const level = d.actions.includes('supervise') ? select('danger-level', [['', t('danger.level.none')],
    ...LEVELS.map((l) => [l, t('danger.level.' + l)])], d.supervision ? d.supervision.level : '', () => {}) : null;
  const buttons = d.actions.map((a) => h('button', { id: 'danger-' + a, type: 'button', class: a === 'accept' ? 'primary' : '',
    onclick: () => move(d.id, a, {
      text: text.value.trim() || undefined,
      measures: measures && measures.value.trim() ? measures.value.trim() : undefined,
      responsible: responsible && responsible.value.trim() ? responsible.value.trim() : undefined,
      level: level ? level.value || null : undefined
    }) }, t('danger.action.' + a)));
  return h('div', { class: 'detail-actions danger-actions' }, measures, responsible, text, level, h('div', { class: 'buttons' }, buttons));
}

function move(id, action, body) {
  post('api/dangers/' + encodeURIComponent(id) + '/' + action, body)
    .then(() => load())
    .catch((e) => toast(t('error.action', { m: e.message })));
}

// ---- routing: the tab and #dangers ------------------------------------------------------------------------

function show() {
  showView('dangers');
  if (!location.hash.startsWith('#dangers')) {
    history.replaceState(null, '', '#dangers');
  }
  load();
  clearInterval(refreshTimer);
  refreshTimer = setInterval(() => { if (document.body.dataset.view === 'dangers') { load(); } }, REFRESH_MS);
}

/** #dangers shows the register, #dangers/<id> with that danger open (a link from other pages). */
function route() {
  if (location.hash === '#dangers' || location.hash.startsWith('#dangers/')) {
    openId = decodeURIComponent(location.hash.substring('#dangers/'.length)) || openId;
    show();
  }
}

document.querySelectorAll('.tab').forEach((b) => b.addEventListener('click', () => {
  if (b.dataset.tab === 'dangers') {
    show();
  } else if (location.hash.startsWith('#dangers')) {
    history.replaceState(null, '', location.pathname + location.search);
  }
}));
window.addEventListener('hashchange', route);
// after the board's own start (which shows the list), and again on a language switch (after the labels change)
setTimeout(route, 0);
$('lang').addEventListener('click', () => setTimeout(() => { if (view.dataset.loaded) { render(); } }, 0));
