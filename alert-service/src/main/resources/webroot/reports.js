// The duty reports (报表, tab #reports): a day's or a week's report as the server computed it, printable (A4, no nav)
// and downloadable as CSV, and the reports kept on schedule. Every figure is the server's (GET /api/reports/...):
// nothing is counted here. #reports, #reports/daily/<date>, #reports/weekly/<yyyy-Www>.
import { t } from './i18n.js';
import { json, fmt } from './net.js';
import { $, enterpriseName } from './state.js';
import { showView } from './plan.js';
import { toast } from './header.js';
import { h } from './detail.js';

const view = $('reports-view');
let kind = 'daily';
let period = '';
let report = null;
let kept = null;

function path(csv) {
  const param = kind === 'daily' ? 'date' : 'week';
  return 'api/reports/' + kind + (csv ? '.csv' : '') + (period ? '?' + param + '=' + encodeURIComponent(period) : '');
}

function load() {
  return Promise.all([json(path(false)), json('api/reports')]).then(([r, list]) => {
    report = r;
    kept = list;
    period = r.period;
    render();
    view.dataset.loaded = 'true';
  }).catch((e) => {
    report = null;
    render();
    toast(t('error.action', { m: e.message }));
  });
}

// ---- drawing -----------------------------------------------------------------------------------------------

function render() {
  view.replaceChildren(renderControls(), report ? renderReport(report) : h('p', { class: 'muted' }, t('report.none')),
    renderKept());
}

function renderControls() {
  const input = kind === 'daily'
    ? h('input', { id: 'report-date', type: 'date', value: period, onchange: (e) => go('daily', e.target.value) })
    : h('input', { id: 'report-week', type: 'week', value: period, onchange: (e) => go('weekly', e.target.value) });
  return h('form', { class: 'report-controls no-print', onsubmit: (e) => e.preventDefault() },
    h('select', { id: 'report-kind', onchange: (e) => go(e.target.value, '') },
      ['daily', 'weekly'].map((k) => h('option', { value: k, selected: k === kind }, t('report.kind.' + k)))),
    input,
    h('button', { type: 'button', id: 'report-print', onclick: () => window.print() }, t('report.print')),
    h('a', { id: 'report-csv', class: 'link', href: path(true), download: 'duty-report-' + kind + '-' + period + '.csv' },
      t('report.csv')));
}

function card(key, value) {
  return h('div', { class: 'target' }, h('span', { class: 'target-value' }, String(value)),
    h('span', { class: 'target-label' }, t(key)));
}

/** A server instant as the park's local time (the report's zone), e.g. 2026-12-06 08:00:00. */
function parkTime(iso, zone) {
  return iso ? new Date(iso).toLocaleString('sv-SE', { timeZone: zone }) : '—';
}

function seconds(s) {
  return s === null || s === undefined ? '—' : fmt.duration(s * 1000);
}

function table(id, head, rows) {
  return h('table', { id, class: 'report-table' },
    h('thead', {}, h('tr', {}, head.map((k) => h('th', {}, t(k))))),
    h('tbody', {}, rows.length ? rows.map((r) => h('tr', {}, r.map((c) => h('td', {}, String(c)))))
      : h('tr', {}, h('td', { colspan: head.length, class: 'muted' }, t('report.empty')))));
}

function renderReport(r) {
  const a = r.alarms;
  const f = r.feedback;
  const rate = f.falseAlarmRate === null ? '—' : Math.round(f.falseAlarmRate * 1000) / 10 + ' %';
  const counts = (rows, name) => rows.map((c) => [name ? name(c.key) : c.key, c.alarms, c.secondLevel]);
  return h('article', { id: 'report', class: 'report', dataset: { id: r.id } },
    h('h2', {}, t('report.title.' + kind, { p: r.period })),
    h('p', { class: 'muted small' }, (r.firstDay === r.lastDay ? t('report.day', { d: r.firstDay, z: r.zone })
        : t('report.period', { from: r.firstDay, to: r.lastDay, z: r.zone }))
      + ' · ' + t(r.complete ? 'report.complete' : 'report.soFar', { at: parkTime(r.generatedAt, r.zone) })),
    h('div', { class: 'target-cards' },
      card('report.alarms', a.total), card('report.level.FIRST', a.byLevel.FIRST || 0),
      card('report.level.SECOND', a.byLevel.SECOND || 0), card('report.open', a.stillOpen),
      card('report.mtta', seconds(r.acknowledge.medianSeconds) + ' / ' + seconds(r.acknowledge.p90Seconds)),
      card('report.mttr', seconds(r.close.medianSeconds) + ' / ' + seconds(r.close.p90Seconds)),
      card('report.feedbackOverdue', f.overdue), card('report.falseRate', rate),
      card('report.dangers.opened', r.dangers.opened), card('report.dangers.closed', r.dangers.accepted + r.dangers.closed),
      card('report.dangers.overdue', r.dangers.overdue), card('report.commitmentsMissing', r.commitments.missing),
      card('report.inspectionsDone', r.inspections.done)),
    h('div', { class: 'report-grid' },
      h('section', {}, h('h3', {}, t('report.byEnterprise')),
        table('report-enterprises', ['report.col.key', 'report.col.alarms', 'report.col.second'],
          counts(a.byEnterprise, enterpriseName))),
      h('section', {}, h('h3', {}, t('report.byGridCell')),
        table('report-cells', ['report.col.key', 'report.col.alarms', 'report.col.second'], counts(a.byGridCell))),
      h('section', {}, h('h3', {}, t('report.byType')),
        table('report-types', ['report.col.key', 'report.col.alarms', 'report.col.second'], counts(a.byAlarmType))),
      h('section', {}, h('h3', {}, t('report.offline')),
        table('report-offline', ['report.col.sensor', 'report.col.duration'], r.offline.map((o) =>
          [enterpriseName(o.enterprise) + ' ' + o.device + (o.sensor ? '/' + o.sensor : '')
            + (o.stillOffline ? ' (' + t('report.stillOffline') + ')' : ''), seconds(o.seconds)]))),
      h('section', {}, h('h3', {}, t('report.causes')),
        table('report-causes', ['report.col.key', 'report.col.alarms'],
          Object.entries(f.byCause).map(([c, n]) => [t('fb.cause.' + c), n]))),
      h('section', {}, h('h3', {}, t('report.missing')),
        table('report-missing', ['report.col.key'], r.commitments.enterprises.map((e) => [enterpriseName(e)])))),
    h('p', { class: 'muted small' }, t('report.source')));
}

function renderKept() {
  const rows = kept ? kept.reports : [];
  return h('section', { id: 'report-kept', class: 'report-kept no-print' }, h('h3', {}, t('report.kept')),
    rows.length ? h('ul', {}, rows.map((s) => h('li', {},
      h('a', { class: 'link', href: '#reports/' + s.id }, t('report.kind.' + s.kind.toLowerCase()) + ' ' + s.period),
      ' · ' + parkTime(s.generatedAt, kept.zone) + (s.complete ? '' : ' (' + t('report.soFarShort') + ')'))))
      : h('p', { class: 'muted' }, t('report.noneKept')));
}

// ---- routing: the tab and #reports --------------------------------------------------------------------------

function go(nextKind, nextPeriod) {
  history.replaceState(null, '', '#reports/' + nextKind + (nextPeriod ? '/' + nextPeriod : ''));
  kind = nextKind;
  period = nextPeriod;
  show();
}

function show() {
  showView('reports');
  if (!location.hash.startsWith('#reports')) {
    history.replaceState(null, '', '#reports');
  }
  load();
}

/** #reports shows today's daily report; #reports/daily/<date>, #reports/weekly/<week> that one. */
function route() {
  if (location.hash === '#reports' || location.hash.startsWith('#reports/')) {
    const [k, p] = location.hash.substring('#reports/'.length).split('/');
    kind = k === 'weekly' ? 'weekly' : 'daily';
    period = p ? decodeURIComponent(p) : '';
    show();
  }
}

document.querySelectorAll('.tab').forEach((b) => b.addEventListener('click', () => {
  if (b.dataset.tab === 'reports') {
    show();
  } else if (location.hash.startsWith('#reports')) {
    history.replaceState(null, '', location.pathname + location.search);
  }
}));
window.addEventListener('hashchange', route);
setTimeout(route, 0);
$('lang').addEventListener('click', () => setTimeout(() => { if (view.dataset.loaded) { render(); } }, 0));
