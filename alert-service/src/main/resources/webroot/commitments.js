// The daily safety commitment (安全承诺) tab, #commitments. An enterprise user gets today's form: one row per
// major-hazard unit (state, special work under way), the responsible person and phone. The duty room and grid staff
// get a day's overview with a date picker, missing and late highlighted. Every status, deadline and unit list is the
// server's (GET /api/commitments): this page only draws it and sends the form.
import { t } from './i18n.js';
import { json, fmt } from './net.js';
import { state, $, enterpriseName } from './state.js';
import { showView, routeTab } from './plan.js';

const VIEW = 'commitments';
const STATES = ['RUNNING', 'STOPPED', 'MAINTENANCE'];
const WORK = ['HOT_WORK', 'CONFINED_SPACE', 'LIFTING', 'BLIND_PLATE', 'WORK_AT_HEIGHT', 'TEMPORARY_POWER',
  'EXCAVATION', 'ROAD_CLOSURE'];

let day = null; // the overview the server sent last
let me = null;

/** "检修中 · 动火作业": the mark the server put on a board row (its unit's declaration of today), or ''. */
export function declaredLabel(declared) {
  if (!declared) {
    return '';
  }
  const parts = declared.state === 'RUNNING' ? [] : [t('cm.state.' + declared.state)];
  (declared.specialWork || []).forEach((w) => parts.push(t('cm.work.' + w)));
  return parts.join(' · ');
}

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  Object.entries(attrs || {}).forEach(([k, v]) => {
    if (v === undefined || v === null || v === false) {
      return;
    }
    if (k === 'className') {
      node.className = v;
    } else if (k === 'text') {
      node.textContent = v;
    } else {
      node.setAttribute(k, v === true ? '' : v);
    }
  });
  node.append(...children.filter((c) => c !== null && c !== undefined));
  return node;
}

function unitLabel(unit) {
  return unit === 'whole-site' ? t('cm.wholeSite') : unit;
}

function statusBadge(status) {
  return el('span', { className: 'cm-status cm-' + status.toLowerCase(), 'data-status': status,
    text: t('cm.status.' + status) });
}

function load(date) {
  const query = date ? '?date=' + encodeURIComponent(date) : '';
  const getMe = me ? Promise.resolve(me) : json('api/me').then((m) => { me = m; return m; });
  return getMe.then(() => json('api/commitments' + query)).then((overview) => {
    day = overview;
    render();
  }).catch((e) => message(t('error.action', { m: e.message }), true));
}

function message(text, bad) {
  const node = $('cm-message');
  node.textContent = text || '';
  node.className = 'cm-message' + (bad ? ' bad' : '');
}

function render() {
  const body = $('cm-body');
  if (!day || !me) {
    return;
  }
  $('cm-deadline').textContent = t('cm.deadline', { t: day.deadlineTime, z: day.zone });
  if (me.role === 'ENTERPRISE') {
    $('cm-date').hidden = true;
    const entry = day.enterprises.find((e) => e.enterprise === me.enterprise);
    body.replaceChildren(entry ? form(entry) : el('p', { className: 'empty', text: t('cm.none') }));
  } else {
    $('cm-date').hidden = false;
    $('cm-date').value = day.date;
    body.replaceChildren(counts(), overview());
  }
}

function counts() {
  const box = el('p', { className: 'cm-counts', id: 'cm-counts' });
  ['MISSING', 'LATE', 'DUE', 'SUBMITTED'].forEach((s) => box.append(statusBadge(s),
    el('span', { className: 'cm-count', 'data-count-of': s, text: String(day.counts[s] || 0) })));
  return box;
}

function overview() {
  if (day.enterprises.length === 0) {
    return el('p', { className: 'empty', text: t('cm.none') });
  }
  const rows = day.enterprises.map((e) => {
    const c = e.commitment;
    const units = el('ul', { className: 'cm-units' }, ...(c ? c.units : e.units.map((u) => ({ unit: u })))
      .map((u) => el('li', {}, el('span', { text: unitLabel(u.unit) }),
        u.state ? el('span', { className: 'cm-state cm-state-' + u.state.toLowerCase(), text: t('cm.state.' + u.state) }) : null,
        ...(u.specialWork || []).map((w) => el('span', { className: 'cm-work', text: t('cm.work.' + w) })))));
    return el('tr', { className: 'cm-row cm-' + e.status.toLowerCase(), 'data-enterprise': e.enterprise,
      'data-status': e.status },
    el('td', { 'data-label': t('col.enterprise'), text: e.name || enterpriseName(e.enterprise) }),
    el('td', { 'data-label': t('col.gridCell'), text: e.gridCell || '—' }),
    el('td', { 'data-label': t('cm.col.status') }, statusBadge(e.status)),
    el('td', { 'data-label': t('cm.col.person'), text: c ? c.person + ' ' + c.phone : '—' }),
    el('td', { 'data-label': t('cm.col.at'), text: c ? fmt.time(c.firstSubmittedAt) + (c.history.length > 1
      ? ' (' + t('cm.corrected', { t: fmt.time(c.submittedAt) }) + ')' : '') : '—' }),
    el('td', { 'data-label': t('cm.col.units') }, units));
  });
  const head = el('tr', {}, ...['col.enterprise', 'col.gridCell', 'cm.col.status', 'cm.col.person', 'cm.col.at',
    'cm.col.units'].map((k) => el('th', { text: t(k) })));
  return el('div', { className: 'table-wrap' }, el('table', { className: 'cm-table', id: 'cm-table' },
    el('thead', {}, head), el('tbody', {}, ...rows)));
}

function form(entry) {
  const c = entry.commitment;
  const declared = (unit) => (c ? c.units.find((u) => u.unit === unit) : null) || {};
  const rows = entry.units.map((unit, i) => {
    const d = declared(unit);
    const select = el('select', { id: 'cm-state-' + i, 'data-unit': unit, required: true },
      el('option', { value: '', text: t('cm.choose') }),
      ...STATES.map((s) => el('option', { value: s, text: t('cm.state.' + s), selected: d.state === s })));
    const work = el('div', { className: 'cm-workset' }, ...WORK.map((w) => el('label', { className: 'cm-check' },
      el('input', { type: 'checkbox', id: 'cm-work-' + i + '-' + w, value: w,
        checked: (d.specialWork || []).includes(w) }), el('span', { text: t('cm.work.' + w) }))));
    return el('fieldset', { className: 'cm-unit' }, el('legend', { text: unitLabel(unit) }),
      el('label', { className: 'cm-field' }, el('span', { text: t('cm.col.state') }), select),
      el('div', { className: 'cm-field' }, el('span', { text: t('cm.col.work') }), work),
      el('label', { className: 'cm-field' }, el('span', { text: t('cm.note') }),
        el('input', { id: 'cm-note-' + i, maxlength: '500', value: d.note || '' })));
  });
  const submit = el('button', { id: 'cm-submit', type: 'submit', className: 'primary',
    text: t(c ? 'cm.correct' : 'cm.submit') });
  const node = el('form', { id: 'cm-form', className: 'cm-form' },
    el('p', {}, statusBadge(entry.status), el('span', { className: 'sub', text: ' ' + (c
      ? t('cm.madeAt', { t: fmt.time(c.firstSubmittedAt), u: c.submittedBy }) : '') })),
    ...rows,
    el('label', { className: 'cm-field' }, el('span', { text: t('cm.col.person') }),
      el('input', { id: 'cm-person', required: true, maxlength: '64', value: c ? c.person : '' })),
    el('label', { className: 'cm-field' }, el('span', { text: t('cm.phone') }),
      el('input', { id: 'cm-phone', type: 'tel', required: true, value: c ? c.phone : '' })),
    submit);
  node.addEventListener('submit', (ev) => {
    ev.preventDefault();
    send(entry, submit);
  });
  return node;
}

function send(entry, button) {
  const body = {
    person: $('cm-person').value,
    phone: $('cm-phone').value,
    units: entry.units.map((unit, i) => ({
      unit,
      state: $('cm-state-' + i).value || null,
      specialWork: WORK.filter((w) => $('cm-work-' + i + '-' + w).checked),
      note: $('cm-note-' + i).value || null
    }))
  };
  button.disabled = true;
  json('api/commitments/' + encodeURIComponent(entry.enterprise) + '/' + day.date, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body)
  }).then((saved) => {
    message(t('cm.saved', { s: t('cm.status.' + saved.status) }), false);
    return load(day.date);
  }).catch((e) => message(t('error.action', { m: e.message }), true))
    .finally(() => { button.disabled = false; });
}

function open() {
  showView(VIEW);
  if (location.hash !== '#' + VIEW) {
    history.replaceState(null, '', '#' + VIEW);
  }
  message('');
  load(day && !day.today ? day.date : null);
}

routeTab(VIEW, open);
$('cm-date').addEventListener('change', (e) => load(e.target.value));
// the language toggle relabels the static page first (app.js), then this view is drawn again
$('lang').addEventListener('click', () => setTimeout(render, 0));
if (state.me) {
  me = state.me;
}
