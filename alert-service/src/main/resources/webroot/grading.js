// The grading page (分级, #grading): the priority inspection list and the watch list with each entry's date and
// reason, the recent exits, every visible enterprise's grade, and the "why" panel with each factor of one grade.
// #grading/<enterprise> opens one enterprise's factors. Everything is as the server computed it (GET /api/grades, /api/grades/{enterprise}, /api/lists); it also feeds
// the park map's side lists (state.lists). Refreshed when a risk event says a grade changed.
import { t } from './i18n.js';
import { json, fmt } from './net.js';
import { state, $, enterpriseName } from './state.js';
import { showView } from './plan.js';
import { RISK_COLOURS } from './map.js';

const REFRESH_DELAY_MS = 300;

function node(tag, className, text) {
  const n = document.createElement(tag);
  if (className) {
    n.className = className;
  }
  if (text != null) {
    n.textContent = text;
  }
  return n;
}

function chip(colour) {
  const c = node('span', 'chip');
  c.style.background = RISK_COLOURS[colour] || RISK_COLOURS.BLUE;
  return c;
}

function day(iso) {
  return fmt.date(iso);
}

/** A factor in the page's language: its label, what was counted, its points (the server's reason as tooltip). */
function factorText(f) {
  return t('factor.' + f.id, { v: fmt.number(f.value) }) + ': +' + f.points;
}

/** Why an enterprise is on a list, in the page's language: the factors that gave points at its entry. */
export function entryWhy(e) {
  return e.factors && e.factors.length ? e.factors.map(factorText).join(' · ') : e.reason;
}

/** @param onLists told when the lists changed (the map redraws its side lists) */
export function createGrading(onLists) {
  let grades = { thresholds: {}, grades: [] };
  let lists = { priority: [], watch: [], exits: [] };
  let selected = null;
  let detail = null;
  let timer = null;

  function refresh() {
    return Promise.all([json('api/grades'), json('api/lists')]).then(([g, l]) => {
      grades = g;
      lists = l;
      state.lists = l;
      render();
      onLists();
      if (selected) {
        open(selected);
      }
    }).catch(() => { /* shown on the next change; the stream's own errors are toasted elsewhere */ });
  }

  /** A grade changed (a risk event): refresh once the burst is over. */
  function changed() {
    clearTimeout(timer);
    timer = setTimeout(refresh, REFRESH_DELAY_MS);
  }

  function entryItem(e, list) {
    const li = node('li');
    li.dataset.enterprise = e.enterprise;
    li.addEventListener('click', () => open(e.enterprise));
    li.append(chip(list === 'PRIORITY' ? 'ORANGE' : 'YELLOW'), document.createTextNode(enterpriseName(e.enterprise)));
    li.append(node('span', 'sub', t('grading.since', { d: day(e.since), s: e.score })));
    const reason = node('span', 'sub reason', entryWhy(e));
    reason.title = e.reason;
    li.append(reason);
    return li;
  }

  function exitItem(x) {
    const li = node('li');
    li.dataset.enterprise = x.enterprise;
    li.addEventListener('click', () => open(x.enterprise));
    li.append(document.createTextNode(enterpriseName(x.enterprise) + ' · ' + t('grading.list.' + x.list)));
    const line = x.list === 'PRIORITY' ? grades.thresholds.alarmLine : grades.thresholds.warningLine;
    const sub = node('span', 'sub', t('grading.left', { d: day(x.at), s: x.score, l: line }));
    sub.title = x.reason;
    li.append(sub);
    return li;
  }

  function fill(list, items, make) {
    list.replaceChildren(...(items.length ? items.map(make) : [node('li', 'muted', t('map.none'))]));
  }

  function render() {
    const th = grades.thresholds || {};
    $('grade-thresholds').textContent = t('grading.thresholds', { y: th.YELLOW, o: th.ORANGE, r: th.RED,
      w: th.warningLine, a: th.alarmLine });
    fill($('priority-list'), lists.priority, (e) => entryItem(e, 'PRIORITY'));
    fill($('watch-list'), lists.watch.filter((e) => !lists.priority.some((p) => p.enterprise === e.enterprise)),
      (e) => entryItem(e, 'WATCH'));
    fill($('list-exits'), lists.exits.slice(0, 10), exitItem);
    $('grade-rows').replaceChildren(...grades.grades.map((g) => {
      const tr = node('tr');
      tr.id = 'grade-' + g.enterprise;
      tr.dataset.colour = g.colour;
      tr.classList.toggle('selected', g.enterprise === selected);
      tr.addEventListener('click', () => open(g.enterprise));
      const name = node('td', 'enterprise');
      name.append(chip(g.colour), document.createTextNode(enterpriseName(g.enterprise)));
      name.append(node('span', 'sub', g.gridCell || ''));
      const onLists = [g.onPriorityList ? t('grading.list.PRIORITY') : null,
        g.onWatchList && !g.onPriorityList ? t('grading.list.WATCH') : null].filter(Boolean).join(' · ');
      tr.append(name, node('td', 'num', String(g.score)), node('td', null, t('risk.' + g.colour)),
        node('td', null, onLists || '—'), node('td', 'num', g.activeAlarms ? String(g.activeAlarms) : ''));
      return tr;
    }));
    $('grades-empty').hidden = grades.grades.length > 0;
    renderDetail();
  }

  /** Opens the "why" panel of one enterprise's grade. */
  function open(enterprise) {
    selected = enterprise;
    showView('grading');
    return json('api/grades/' + encodeURIComponent(enterprise)).then((d) => {
      detail = d;
      renderDetail();
      document.querySelectorAll('#grade-rows tr').forEach((tr) => tr.classList.toggle('selected', tr.id === 'grade-' + enterprise));
    }).catch((e) => {
      detail = null;
      const panel = $('grade-factors');
      panel.hidden = false;
      panel.replaceChildren(node('p', 'error', e.message));
    });
  }

  function renderDetail() {
    const panel = $('grade-factors');
    if (!detail) {
      panel.hidden = true;
      return;
    }
    const g = detail.grade;
    panel.hidden = false;
    panel.dataset.enterprise = g.enterprise;
    const head = node('h3');
    head.append(chip(g.colour), document.createTextNode(enterpriseName(g.enterprise) + ' · ' + t('risk.' + g.colour)));
    const score = node('p', 'grade-score', t('grading.score', { s: g.score, t: fmt.time(g.gradedAt) }));
    const table = node('table', 'factors');
    const body = node('tbody');
    g.factors.forEach((f) => {
      const tr = node('tr');
      tr.dataset.factor = f.id;
      tr.dataset.points = String(f.points);
      tr.title = f.reason;
      const label = node('td', 'factor', t('factor.' + f.id, { v: fmt.number(f.value) }));
      tr.append(label, node('td', 'num points', '+' + f.points));
      body.append(tr);
    });
    table.append(body);
    const moves = node('ul', 'timeline');
    (detail.listing.history || []).slice().reverse().forEach((m) => {
      const li = node('li');
      const time = node('time', null, fmt.time(m.at));
      li.append(time, document.createTextNode(t(m.entered ? 'grading.entered' : 'grading.exited',
        { l: t('grading.list.' + m.list), s: m.score })));
      li.title = m.reason;
      moves.append(li);
    });
    panel.replaceChildren(head, score, table, node('h4', null, t('grading.history')),
      moves.childElementCount ? moves : node('p', 'muted', t('map.none')));
  }

  /** #grading shows the page, #grading/<enterprise> also that enterprise's factors. */
  function route() {
    const m = /^#grading(?:\/(.+))?$/.exec(location.hash);
    if (m) {
      showView('grading');
      selected = m[1] ? decodeURIComponent(m[1]) : selected;
      refresh();
    }
  }
  window.addEventListener('hashchange', route);
  $('tab-grading').addEventListener('click', refresh);

  return { refresh, changed, rerender: render, route };
}
