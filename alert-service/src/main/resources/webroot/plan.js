// The park map view: the plan from the registry (GET /api/board/plan), each enterprise in its risk colour, and
// the lists of enterprises over the alarm and warning lines. Clicking one filters the alarm list to it.
import { t } from './i18n.js';
import { createMap, RISK_COLOURS } from './map.js';
import { json, fmt } from './net.js';
import { state, $, enterpriseName } from './state.js';
import { entryWhy } from './grading.js';
import { enterpriseLink } from './enterprise-link.js';

export function showView(view) {
  document.body.dataset.view = view;
  document.querySelectorAll('.tab').forEach((b) => b.setAttribute('aria-selected', String(b.dataset.tab === view)));
}

/**
 * A tab with its own hash route (#view): {@code open} runs when its tab is clicked, when the hash becomes #view and
 * (after app.js has shown its first view) when the page is opened at #view; another tab drops the hash.
 */
export function routeTab(view, open) {
  document.querySelectorAll('.tab').forEach((b) => b.addEventListener('click', () => {
    if (b.dataset.tab === view) {
      open();
    } else if (location.hash === '#' + view) {
      history.replaceState(null, '', location.pathname + location.search);
    }
  }));
  window.addEventListener('hashchange', () => { if (location.hash === '#' + view) { open(); } });
  if (location.hash === '#' + view) {
    setTimeout(open, 0);
  }
}

/** @param filter sets the list's filters (and the list view is shown) */
export function createPlan(filter) {
  const show = (filters) => { filter(filters); showView('list'); };
  const map = createMap($('plan'), {
    onEnterprise: (id) => show({ enterprise: id, gridCell: '' }),
    onCell: (id) => show({ gridCell: id, enterprise: '' }),
    hazardLabel: (level) => t('hazard.' + level)
  });

  function update() {
    const alarms = new Map();
    const cellAlarms = new Map();
    state.rows.forEach((row) => {
      if (row.active) {
        alarms.set(row.alarm.enterprise, (alarms.get(row.alarm.enterprise) || 0) + 1);
        cellAlarms.set(row.alarm.gridCell, (cellAlarms.get(row.alarm.gridCell) || 0) + 1);
      }
    });
    map.update(state.risk, alarms, cellAlarms, (colour) => t('risk.' + colour));
    const lists = state.lists || { priority: [], watch: [] };
    lineList($('over-alarm-line'), lists.priority);
    lineList($('over-warning-line'), lists.watch.filter((w) => !lists.priority.some((p) => p.enterprise === w.enterprise)));
  }

  /** The persistent lists (the server's, with entry date and reason): priority inspection, watch. */
  function lineList(list, entries) {
    if (entries.length === 0) {
      list.replaceChildren(item(t('map.none'), 'muted'));
      return;
    }
    list.replaceChildren(...entries.map((e) => {
      const r = state.risk.get(e.enterprise) || { colour: 'BLUE', activeAlarms: 0 };
      const li = item(null, null, () => show({ enterprise: e.enterprise, gridCell: '' }));
      li.dataset.enterprise = e.enterprise;
      li.title = e.reason;
      const name = enterpriseLink(e.enterprise, enterpriseName(e.enterprise));
      const n = document.createElement('span');
      n.className = 'sub';
      n.textContent = (e.gridCell || '') + ' · ' + t('grading.since', { d: fmt.date(e.since), s: e.score })
        + ' · ' + t('map.alarms', { n: r.activeAlarms });
      const why = document.createElement('span');
      why.className = 'sub';
      why.textContent = entryWhy(e);
      li.append(chip(r.colour), name, n, why);
      return li;
    }));
  }

  function renderLegend() {
    $('legend').replaceChildren(...['RED', 'ORANGE', 'YELLOW', 'BLUE'].map((c) => {
      const span = document.createElement('span');
      span.append(chip(c), document.createTextNode(t('risk.' + c)));
      return span;
    }));
  }

  /** Loads the plan: names, hazard levels and grid cells for the list, the drawing for the map. */
  function load() {
    return json('api/board/plan').then((plan) => {
      plan.enterprises.forEach((e) => {
        state.names.set(e.id, e.name || e.id);
        if (e.majorHazardLevel) {
          state.hazard.set(e.id, e.majorHazardLevel);
        }
      });
      state.gridCells = plan.gridCells.map((c) => c.id);
      $('no-plan').hidden = map.setPlan(plan);
      const unplaced = plan.enterprises.filter((e) => !e.position);
      $('unplaced-box').hidden = unplaced.length === 0;
      $('unplaced').replaceChildren(...unplaced.map((e) => {
        const li = item(null, null, () => show({ enterprise: e.id }));
        li.append(enterpriseLink(e.id, e.name || e.id));
        return li;
      }));
    });
  }

  return { update, renderLegend, load };
}

function item(text, className, onClick) {
  const li = document.createElement('li');
  if (className) {
    li.className = className;
  }
  if (text != null) {
    li.textContent = text;
  }
  if (onClick) {
    li.addEventListener('click', onClick);
  }
  return li;
}

function chip(colour) {
  const node = document.createElement('span');
  node.className = 'chip';
  node.style.background = RISK_COLOURS[colour] || RISK_COLOURS.BLUE;
  return node;
}
