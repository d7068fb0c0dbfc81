// The enterprise page (#enterprise/<id>): one page per enterprise, from GET /api/enterprises/{id}. The server
// sends named sections; each is drawn by the renderer registered under its name (registerSection), in a fixed
// order, an unknown one as a plain key/value list, an unavailable one as "unavailable: <why>". Other parts of the
// board add their sections with one registerSection call.
import { t, language } from './i18n.js';
import { json, fmt } from './net.js';
import { showView } from './plan.js';
import { $ } from './state.js';
import { h } from './detail.js';
import { renderProfile, renderSensors, renderIncidents } from './enterprise-sections.js';
import { ENTERPRISE_ROUTE } from './enterprise-link.js';

/** The order the page shows the sections in; others the server sends come after, in its order. */
export const SECTION_ORDER = ['profile', 'sensors', 'incidents', 'feedback', 'dangers', 'tasks', 'grade', 'commitment',
  'contacts'];
const VIEW = 'enterprise';
const ROUTE = ENTERPRISE_ROUTE;
const REFRESH_MS = 30000;
const renderers = new Map();

/**
 * Draws section {@code name}: {@code render(content, ctx)} returns a node or a list of nodes; ctx has t, fmt, h,
 * the enterprise summary, openIncident(id) (the alarm detail) and refresh().
 */
export function registerSection(name, render) {
  renderers.set(name, render);
}

registerSection('profile', renderProfile);
registerSection('sensors', renderSensors);
registerSection('incidents', renderIncidents);

let hooks = { openIncident: () => {} };
let shown = null; // { id, page } of the page shown (kept to redraw on a language change)
let timer = null;
let cameFrom = 'list'; // the view the page was opened from: the back link returns there

/** Starts the page's routing; {@code openIncident(id)} opens the board's alarm detail. */
export function createEnterprisePage(options) {
  hooks = Object.assign(hooks, options || {});
  window.addEventListener('hashchange', route);
  // a tab leaves the page: drop its address so that the same link opens it again
  document.querySelectorAll('.tab').forEach((b) => b.addEventListener('click', () => {
    if (location.hash.startsWith(ROUTE)) {
      history.replaceState(null, '', location.pathname + location.search);
    }
    stopRefresh();
  }));
  $('lang').addEventListener('click', () => setTimeout(() => { if (shown) { draw(shown.page); } }, 0));
  route();
}

function route() {
  if (location.hash.startsWith(ROUTE)) {
    open(decodeURIComponent(location.hash.substring(ROUTE.length)));
  } else if (document.body.dataset.view === VIEW) {
    // another route (#dangers, ...) is its owner's to show; an empty one goes back
    stopRefresh();
    if (!location.hash || location.hash === '#') {
      showView(cameFrom);
    }
  }
}

function open(id) {
  if (document.body.dataset.view !== VIEW) {
    cameFrom = document.body.dataset.view || 'list';
  }
  showView(VIEW);
  const root = $('ent-page');
  if (!shown || shown.id !== id) {
    shown = null;
    root.replaceChildren(back(), h('p', { class: 'muted' }, t('ent.loading')));
  }
  root.dataset.enterprise = id;
  load(id);
  stopRefresh();
  timer = setInterval(() => load(id), REFRESH_MS);
}

function load(id) {
  return json('api/enterprises/' + encodeURIComponent(id)).then((page) => {
    if ($('ent-page').dataset.enterprise !== id) {
      return;
    }
    shown = { id, page };
    draw(page);
  }).catch((e) => {
    if ($('ent-page').dataset.enterprise === id && !shown) {
      $('ent-page').replaceChildren(back(), h('p', { class: 'error' }, t('ent.error', { m: e.message })));
    }
  });
}

function stopRefresh() {
  if (timer) {
    clearInterval(timer);
    timer = null;
  }
}

function back() {
  return h('a', {
    class: 'back link',
    href: '#',
    onclick: (e) => {
      e.preventDefault();
      history.replaceState(null, '', location.pathname + location.search);
      stopRefresh();
      showView(cameFrom);
    }
  }, t('ent.back'));
}

function draw(page) {
  const e = page.enterprise;
  const ctx = { t, fmt, h, language, enterprise: e, openIncident: (id) => hooks.openIncident(id), refresh: () => load(e.id) };
  const names = SECTION_ORDER.filter((n) => n in page.sections)
    .concat(Object.keys(page.sections).filter((n) => !SECTION_ORDER.includes(n)));
  $('ent-page').replaceChildren(
    h('div', { class: 'ent-bar' }, back(), h('button', { class: 'toggle', onclick: () => load(e.id) }, t('ent.refresh'))),
    h('div', { class: 'ent-head' },
      h('h2', { id: 'ent-name' }, e.name),
      h('span', { class: 'ent-cell' }, t('ent.gridCell', { c: e.gridCellName ? e.gridCellName + ' (' + e.gridCell + ')' : e.gridCell })),
      h('span', { class: 'ent-hazard', dataset: { hazardLevel: e.majorHazardLevel || '' } },
        e.majorHazardLevel ? t('hazard.' + e.majorHazardLevel) : t('ent.noHazard'))),
    h('div', { class: 'ent-sections' }, names.map((n) => section(n, page.sections[n], ctx))));
}

function section(name, content, ctx) {
  const node = h('section', { id: 'ent-section-' + name, class: 'ent-section', dataset: { section: name } },
    h('h3', {}, t('ent.section.' + name) === 'ent.section.' + name ? name : t('ent.section.' + name)));
  if (content && typeof content === 'object' && typeof content.unavailable === 'string') {
    node.dataset.unavailable = 'true';
    node.append(h('p', { class: 'unavailable' }, t('ent.unavailable', { why: content.unavailable })));
    return node;
  }
  const render = renderers.get(name) || plain;
  try {
    node.append(...[render(content, ctx)].flat(Infinity).filter((c) => c));
  } catch (e) {
    node.append(h('p', { class: 'error' }, t('ent.unavailable', { why: e.message })));
  }
  return node;
}

/** A section without a renderer: its fields as a key/value list. */
function plain(content) {
  if (content === null || typeof content !== 'object' || Array.isArray(content)) {
    return h('pre', { class: 'ent-plain' }, JSON.stringify(content, null, 1));
  }
  return h('dl', { class: 'ent-plain' }, Object.entries(content).flatMap(([k, v]) => [
    h('dt', {}, k),
    h('dd', {}, v !== null && typeof v === 'object' ? JSON.stringify(v) : String(v))
  ]));
}
