'use strict';
// HazardWatch duty-room board. One list entry per open incident (one alarm episode), fed by the
// Server-Sent-Events stream (snapshot, alarm, incident, risk, monitoring) — no polling. Changes are collected and
// written to the DOM once per animation frame, each incident keeping its own table row (keyed by id).
import { t, setLanguage, language, applyStatic } from './i18n.js';
import { createMap, RISK_COLOURS } from './map.js';
import { createDetail } from './detail.js';
import { createSound } from './sound.js';
import { createRefused } from './refused.js';

const LEVEL_RANK = { SECOND: 2, FIRST: 1, NONE: 0 };
const OPEN_STATES = ['RAISED', 'ACKNOWLEDGED', 'CLEARED_UNACKNOWLEDGED', 'CLEARED'];
const UNACKNOWLEDGED = new Set(['RAISED', 'CLEARED_UNACKNOWLEDGED']);
const REMIND_EVERY_MS = 60000;

// ---- state -------------------------------------------------------------------------------------------
const state = {
  me: null,
  rows: new Map(), // incident id → row
  names: new Map(), // enterprise → name
  cells: new Map(), // enterprise → grid cell
  hazard: new Map(), // enterprise → its GB 18218 major hazard level (1 most severe … 4), when declared
  gridCells: [], // grid cell ids of the plan
  risk: new Map(), // enterprise → RiskState
  trends: new Map(), // incident id → {predictedCrossing, leadTimeSeconds, threshold}
  filters: { level: '', gridCell: '', enterprise: '', state: '' },
  lastEventId: null,
  monitoring: null, // the watchdog's view of the monitoring chain (stages), from the stream
  lastSecondAlarmAt: 0
};

const $ = (id) => document.getElementById(id);
const tbody = $('alarm-rows');
const rowEls = new Map();
const dirty = new Set();
let orderDirty = true;
let countsDirty = true;
let frameRequested = false;

/** Absolute URLs from the origin: a page opened with user:password@ in its address must not put them in fetch URLs. */
function api(path) {
  return location.origin + '/' + path.replace(/^\//, '');
}

function json(path, options) {
  return fetch(api(path), Object.assign({ cache: 'no-store', credentials: 'same-origin' }, options || {}))
    .then((r) => r.text().then((text) => {
      let body = null;
      try {
        body = text ? JSON.parse(text) : null;
      } catch (e) { /* not JSON */ }
      if (!r.ok) {
        throw new Error((body && body.message) || ('HTTP ' + r.status));
      }
      return body;
    }));
}

// ---- formatting --------------------------------------------------------------------------------------
const fmt = {
  number(v) {
    return typeof v === 'number' ? String(Math.round(v * 100) / 100) : '—';
  },
  time(iso) {
    if (!iso) {
      return '—';
    }
    const d = new Date(iso);
    const pad = (n) => String(n).padStart(2, '0');
    return (d.getMonth() + 1) + '-' + pad(d.getDate()) + ' ' + pad(d.getHours()) + ':' + pad(d.getMinutes()) + ':' + pad(d.getSeconds());
  },
  duration(ms) {
    const minutes = Math.max(0, Math.floor(ms / 60000));
    if (minutes < 1) {
      return t('time.lessMinute');
    }
    if (minutes < 120) {
      return t('time.minutes', { m: minutes });
    }
    return t('time.hours', { h: Math.floor(minutes / 60), m: minutes % 60 });
  }
};

function incidentId(alarmKey, episodeStart) {
  return alarmKey.replace(/\//g, '~').replace(/[^A-Za-z0-9._~-]/g, '_') + '~' + Date.parse(episodeStart);
}

function enterpriseName(id) {
  return state.names.get(id) || id;
}

/** "Hengda Fine Chemicals · 二级重大危险源": the name with the enterprise's major hazard level, if declared. */
function enterpriseLabel(id) {
  const level = state.hazard.get(id);
  return enterpriseName(id) + (level ? ' · ' + t('hazard.' + level) : '');
}

function mayHandle(alarm) {
  const me = state.me;
  if (!me || me.role === 'ENTERPRISE') {
    return false;
  }
  return me.role !== 'GRID_STAFF' || (me.gridCells || []).includes(alarm.gridCell);
}

// ---- applying what the service says -------------------------------------------------------------------
function touch(row, reorder) {
  dirty.add(row.id);
  if (reorder) {
    orderDirty = true;
  }
  countsDirty = true;
  schedule();
}

function newRow(id, alarm) {
  return { id, alarm, status: 'RAISED', acknowledged: null, version: -1, comments: 0, active: true, stale: false, fresh: false };
}

/** A trend warning's predicted crossing, from a live event or from the alarm the service keeps (after a reload). */
function rememberTrend(id, alarm) {
  if (alarm && alarm.predictedCrossing) {
    state.trends.set(id, { predictedCrossing: alarm.predictedCrossing, leadTimeSeconds: alarm.leadTimeSeconds, threshold: alarm.threshold });
  }
}

/** One active alarm of a snapshot. */
function applyActive(alarm) {
  const id = incidentId(alarm.alarmKey, alarm.raisedAt);
  rememberTrend(id, alarm);
  let row = state.rows.get(id);
  if (!row) {
    row = newRow(id, alarm);
    state.rows.set(id, row);
  } else {
    row.alarm = alarm;
  }
  row.active = true;
  row.stale = false;
  touch(row, true);
  checkSound(row);
}

/** An AlarmEvent of the stream: RAISED, ESCALATED or CLEARED of one episode. */
function applyAlarm(event) {
  const id = incidentId(event.alarmKey, event.episodeStart);
  let row = state.rows.get(id);
  rememberTrend(id, event);
  if (event.transition === 'CLEARED') {
    if (row) {
      row.active = false;
      row.alarm = Object.assign({}, row.alarm, { value: event.value, lastUpdate: event.eventTime || row.alarm.lastUpdate });
      if (row.status === 'RAISED') {
        row.status = 'CLEARED_UNACKNOWLEDGED';
      } else if (row.status === 'ACKNOWLEDGED') {
        row.status = 'CLEARED';
      }
      touch(row, true);
    }
  } else {
    const previous = row ? row.alarm : null;
    const alarm = {
      alarmKey: event.alarmKey,
      level: event.level,
      enterprise: event.enterprise,
      gridCell: previous ? previous.gridCell : (state.cells.get(event.enterprise) || null),
      device: event.device,
      sensor: event.sensor,
      sensorType: event.sensorType,
      alarmType: event.alarmType,
      value: event.value,
      threshold: event.threshold,
      unit: event.unit || (previous && previous.unit),
      ruleId: event.ruleId,
      ruleVersion: event.ruleVersion,
      raisedAt: event.episodeStart,
      lastUpdate: event.eventTime || event.episodeStart
    };
    if (!row) {
      row = newRow(id, alarm);
      state.rows.set(id, row);
    }
    const levelChanged = row.alarm.level !== alarm.level;
    row.alarm = alarm;
    row.active = true;
    row.stale = false;
    row.fresh = true;
    touch(row, levelChanged || !previous);
    checkSound(row);
  }
  detail.changed(id);
  footer(t('footer.change', { t: fmt.time(event.detectedTime || event.eventTime) }) + ' · '
    + enterpriseName(event.enterprise) + ' ' + event.sensor + ' ' + t('level.' + event.level));
}

/** An incident as the API shows it (summary or detail): newer versions win; a closed one leaves the list. */
function applyIncident(view) {
  let row = state.rows.get(view.id);
  if (row && row.version > view.version) {
    return;
  }
  if (view.status === 'CLOSED') {
    if (row) {
      state.rows.delete(view.id);
      state.trends.delete(view.id);
      dirty.add(view.id);
      orderDirty = true;
      countsDirty = true;
      schedule();
    }
    detail.changed(view.id);
    return;
  }
  rememberTrend(view.id, view.alarm);
  const isNew = !row;
  if (!row) {
    row = newRow(view.id, view.alarm);
    state.rows.set(view.id, row);
  }
  const statusChanged = row.status !== view.status || row.alarm.level !== view.alarm.level;
  row.alarm = Object.assign({}, view.alarm, {
    // the alarm event may be newer than the incident's copy of the value
    value: row.version >= 0 || !row.alarm ? view.alarm.value : row.alarm.value
  });
  if (row.alarm.gridCell == null) {
    row.alarm.gridCell = state.cells.get(row.alarm.enterprise) || null;
  }
  row.status = view.status;
  row.acknowledged = view.acknowledged || null;
  row.version = view.version;
  row.comments = (view.comments || []).length;
  row.active = view.status === 'RAISED' || view.status === 'ACKNOWLEDGED';
  row.stale = false;
  touch(row, statusChanged || isNew);
  checkSound(row);
  detail.changed(view.id);
}

function applyRisk(risk) {
  state.risk.set(risk.enterprise, risk);
  countsDirty = true;
  schedule();
}

/**
 * Sounds once per incident, when it first shows as an active, unacknowledged level-2 alarm (whichever of its
 * alarm or incident events comes first); incidents already there when the board loads only get the reminder.
 */
function checkSound(row) {
  if (row.sounded || row.alarm.level !== 'SECOND' || !row.active || row.acknowledged) {
    return;
  }
  row.sounded = true;
  if (!initialLoad) {
    newSecondLevelAlarm();
  }
}

function newSecondLevelAlarm() {
  state.lastSecondAlarmAt = Date.now();
  sound.alarm();
}

// ---- the stream -------------------------------------------------------------------------------------
let source = null;
let retryDelay = 1000;
let initialLoad = true;
let reconnecting = false;

function connect() {
  const url = new URL(api('api/alarms/stream'));
  if (state.lastEventId) {
    url.searchParams.set('lastEventId', state.lastEventId);
  }
  setConnection(reconnecting ? 'reconnecting' : 'connecting');
  source = new EventSource(url.toString());
  const remember = (e) => {
    if (e.lastEventId) {
      state.lastEventId = e.lastEventId;
    }
  };
  source.onopen = () => {
    retryDelay = 1000;
    setConnection('live');
    if (reconnecting) {
      checkFeed();
      document.body.dataset.resumes = String(Number(document.body.dataset.resumes || 0) + 1);
      footer(t('footer.resumed', { t: fmt.time(new Date().toISOString()), n: '…' }));
      resumedEvents = 0;
      setTimeout(() => { if (resumedEvents !== null) { footer(t('footer.resumed', { t: fmt.time(new Date().toISOString()), n: resumedEvents })); resumedEvents = null; } }, 1000);
    }
    reconnecting = false;
  };
  source.onerror = () => {
    if (!reconnecting) {
      checkFeed();
    }
    reconnecting = true;
    if (source.readyState === EventSource.CLOSED) {
      // refused (e.g. 503 while the service starts): the browser gave up; try again ourselves
      setConnection('closed');
      source.close();
      setTimeout(connect, retryDelay);
      retryDelay = Math.min(retryDelay * 2, 15000);
    } else {
      setConnection('reconnecting');
    }
  };
  source.addEventListener('snapshot', (e) => {
    remember(e);
    resumedEvents = null;
    applySnapshot(JSON.parse(e.data));
  });
  source.addEventListener('alarm', (e) => {
    remember(e);
    countResumed();
    applyAlarm(JSON.parse(e.data));
  });
  source.addEventListener('incident', (e) => {
    remember(e);
    countResumed();
    applyIncident(JSON.parse(e.data));
  });
  source.addEventListener('risk', (e) => {
    remember(e);
    countResumed();
    applyRisk(JSON.parse(e.data));
  });
  source.addEventListener('monitoring', (e) => {
    remember(e);
    state.monitoring = JSON.parse(e.data);
    renderStages();
  });
}

// ---- the monitoring chain in the header: drawn from what the server judged, nothing decided here ------------
function renderStages() {
  const list = $('stages');
  const view = state.monitoring;
  list.dataset.stale = String(!view || $('connection').dataset.state !== 'live');
  if (!view) {
    return;
  }
  list.replaceChildren(...view.stages.map((s) => {
    const li = document.createElement('li');
    li.className = 'stage';
    li.dataset.stage = s.stage;
    li.dataset.state = s.state;
    const label = t('stage.' + s.stage);
    li.textContent = s.state === 'OK' ? label : label + ' · ' + t('stageState.' + s.state);
    li.title = label + ': ' + t('stageState.' + s.state) + ' ' + t('stage.since', { t: fmt.time(s.since) }) + ' — ' + s.reason;
    return li;
  }));
}

let resumedEvents = null;
function countResumed() {
  if (resumedEvents !== null) {
    resumedEvents += 1;
  }
}

/** A fresh snapshot: the active alarms now; open incidents and risk states are fetched beside it. */
function applySnapshot(active) {
  state.rows.forEach((row) => { row.stale = true; });
  active.forEach(applyActive);
  Promise.all([
    json('api/incidents?open=true&limit=10000').then((list) => list.forEach(applyIncident)),
    json('api/risk').then((list) => list.forEach(applyRisk))
  ]).then(() => {
    // whatever neither the snapshot, the open incidents nor a later event mentions was closed meanwhile
    state.rows.forEach((row, id) => {
      if (row.stale) {
        state.rows.delete(id);
        dirty.add(id);
      }
    });
    orderDirty = true;
    countsDirty = true;
    initialLoad = false;
    document.body.dataset.loaded = 'true';
    footer(t('footer.loaded', { t: fmt.time(new Date().toISOString()) }));
    schedule();
  }).catch((e) => toast(t('error.action', { m: e.message })));
}

function setConnection(s) {
  // a board that lost its stream no longer knows the stages: they are greyed out until it is back
  $('stages').dataset.stale = String(!state.monitoring || s !== 'live');
  const node = $('connection');
  node.dataset.state = s;
  node.textContent = t('conn.' + s);
}

// ---- rendering, once per frame ----------------------------------------------------------------------
function schedule() {
  if (frameRequested) {
    return;
  }
  frameRequested = true;
  // rAF does not run in hidden tabs; a second board in the background still has to catch up
  if (document.hidden) {
    setTimeout(flush, 250);
  } else {
    requestAnimationFrame(flush);
  }
}

function flush() {
  frameRequested = false;
  dirty.forEach((id) => {
    const row = state.rows.get(id);
    let tr = rowEls.get(id);
    if (!row) {
      if (tr) {
        tr.remove();
        rowEls.delete(id);
      }
      return;
    }
    if (!tr) {
      tr = createRowElement(row);
      rowEls.set(id, tr);
      orderDirty = true;
    }
    updateRowElement(tr, row);
  });
  dirty.clear();
  if (orderDirty) {
    orderDirty = false;
    placeRows();
  }
  if (countsDirty) {
    countsDirty = false;
    updateCounts();
    updateFilterOptions();
    updateMap();
  }
}

function dutyOrder(a, b) {
  return (LEVEL_RANK[b.alarm.level] || 0) - (LEVEL_RANK[a.alarm.level] || 0)
    || (Date.parse(b.alarm.raisedAt) - Date.parse(a.alarm.raisedAt))
    || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function matches(row) {
  const f = state.filters;
  if (f.level && row.alarm.level !== f.level) {
    return false;
  }
  if (f.gridCell && row.alarm.gridCell !== f.gridCell) {
    return false;
  }
  if (f.enterprise && row.alarm.enterprise !== f.enterprise) {
    return false;
  }
  if (f.state === 'UNACK') {
    return UNACKNOWLEDGED.has(row.status);
  }
  return !f.state || row.status === f.state;
}

/** Puts the visible rows in duty order, moving only the rows that are out of place. */
function placeRows() {
  const list = [];
  state.rows.forEach((row) => { if (matches(row)) { list.push(row); } });
  list.sort(dutyOrder);
  let cursor = tbody.firstChild;
  for (const row of list) {
    const tr = rowEls.get(row.id);
    if (!tr) {
      continue;
    }
    if (tr === cursor) {
      cursor = cursor.nextSibling;
    } else {
      tbody.insertBefore(tr, cursor);
    }
  }
  while (cursor) {
    const next = cursor.nextSibling;
    tbody.removeChild(cursor);
    cursor = next;
  }
  const empty = $('empty');
  empty.hidden = list.length > 0;
  empty.textContent = state.rows.size === 0 ? t('empty') : t('empty.filtered');
  $('f-shown').textContent = t('filter.shown', { n: list.length, total: state.rows.size });
}

function td(className) {
  const cell = document.createElement('td');
  if (className) {
    cell.className = className;
  }
  return cell;
}

function createRowElement(row) {
  const tr = document.createElement('tr');
  tr.dataset.incidentId = row.id;
  tr.dataset.alarmKey = row.alarm.alarmKey;
  const parts = {};
  const level = td('level');
  parts.badge = document.createElement('span');
  level.appendChild(parts.badge);
  const ent = td('enterprise');
  const grid = td('grid');
  const sensor = td('sensor');
  parts.sensorMain = document.createElement('span');
  parts.sensorSub = document.createElement('span');
  parts.sensorSub.className = 'sub';
  sensor.append(parts.sensorMain, parts.sensorSub);
  const value = td('num value');
  parts.value = document.createElement('span');
  parts.value.className = 'reading';
  parts.threshold = document.createElement('span');
  parts.threshold.className = 'sub';
  value.append(parts.value, parts.threshold);
  const time = td('time');
  parts.raised = document.createElement('span');
  parts.since = document.createElement('span');
  parts.since.className = 'sub';
  time.append(parts.raised, parts.since);
  const st = td('state');
  parts.state = document.createElement('span');
  parts.comments = document.createElement('span');
  parts.comments.className = 'sub';
  st.append(parts.state, parts.comments);
  const actions = td('actions');
  parts.ack = document.createElement('button');
  parts.ack.className = 'ack';
  parts.ack.dataset.action = 'acknowledge';
  parts.ack.addEventListener('click', (e) => {
    e.stopPropagation();
    parts.ack.disabled = true;
    command(row.id, 'acknowledge').catch(() => { parts.ack.disabled = false; });
  });
  parts.detail = document.createElement('button');
  parts.detail.className = 'open-detail';
  parts.detail.addEventListener('click', (e) => { e.stopPropagation(); detail.open(row.id); });
  actions.append(parts.ack, parts.detail);
  tr.append(level, ent, grid, sensor, value, time, st, actions);
  tr.addEventListener('click', () => detail.open(row.id));
  tr._parts = parts;
  tr._cells = { ent, grid };
  return tr;
}

function setText(node, text) {
  if (node.textContent !== text) {
    node.textContent = text;
  }
}

function updateRowElement(tr, row) {
  const a = row.alarm;
  const p = tr._parts;
  const unack = UNACKNOWLEDGED.has(row.status) && !row.acknowledged;
  tr.className = 'level-' + String(a.level).toLowerCase() + (row.active ? '' : ' cleared')
    + (a.level === 'SECOND' && unack ? ' flash' : '') + (row.fresh ? ' changed' : '');
  row.fresh = false;
  tr.dataset.level = a.level;
  tr.dataset.status = row.status;
  tr.dataset.enterprise = a.enterprise;
  p.badge.className = 'badge level-' + String(a.level).toLowerCase();
  setText(p.badge, t('level.' + a.level));
  setText(tr._cells.ent, enterpriseLabel(a.enterprise));
  tr._cells.ent.title = a.enterprise;
  tr.dataset.hazardLevel = state.hazard.get(a.enterprise) || '';
  // cell * : the platform's own system incidents, which concern every grid
  setText(tr._cells.grid, a.gridCell === '*' ? t('grid.all') : (a.gridCell || '—'));
  setText(p.sensorMain, a.device + ' / ' + a.sensor);
  setText(p.sensorSub, t('sensorType.' + a.sensorType) + ' · ' + t('alarmType.' + a.alarmType));
  // a system incident (the watchdog's) has no reading
  setText(p.value, a.alarmType === 'MONITORING' ? '' : fmt.number(a.value) + ' ' + (a.unit || ''));
  setText(p.threshold, a.threshold == null ? '' : t('threshold') + ' ' + fmt.number(a.threshold));
  setText(p.raised, fmt.time(a.raisedAt));
  p.raised.title = a.raisedAt;
  setText(p.since, t('time.for', { d: fmt.duration(Date.now() - Date.parse(a.raisedAt)) }));
  p.state.className = 'state state-' + row.status.toLowerCase();
  setText(p.state, t('status.' + row.status));
  setText(p.comments, row.comments > 0 ? t('detail.comments') + ' ' + row.comments : '');
  const mayAck = unack && mayHandle(a);
  p.ack.hidden = !mayAck;
  if (!mayAck) {
    p.ack.disabled = false;
  }
  setText(p.ack, t('action.ack'));
  setText(p.detail, t('action.detail'));
}

function updateCounts() {
  let active = 0;
  let second = 0;
  let unack = 0;
  state.rows.forEach((row) => {
    if (row.active) {
      active += 1;
      if (row.alarm.level === 'SECOND') {
        second += 1;
      }
    }
    if (UNACKNOWLEDGED.has(row.status)) {
      unack += 1;
    }
  });
  setText($('count-active'), t('count.active', { n: active }));
  $('count-active').dataset.count = String(active);
  setText($('count-second'), t('count.second', { n: second }));
  $('count-second').dataset.count = String(second);
  setText($('count-unack'), t('count.unack', { n: unack }));
  $('count-unack').dataset.count = String(unack);
  document.title = (active > 0 ? '(' + active + ') ' : '') + t('title');
}

// ---- filters ------------------------------------------------------------------------------------------
const filterSelects = {
  level: $('f-level'),
  gridCell: $('f-gridCell'),
  enterprise: $('f-enterprise'),
  state: $('f-state')
};
let optionsKey = '';

function updateFilterOptions() {
  const cells = new Set(state.gridCells);
  const ents = new Set(state.names.keys());
  state.rows.forEach((row) => {
    if (row.alarm.gridCell) {
      cells.add(row.alarm.gridCell);
    }
    ents.add(row.alarm.enterprise);
  });
  const key = language() + '|' + [...cells].sort().join(',') + '|' + [...ents].sort().join(',');
  if (key !== optionsKey) {
    optionsKey = key;
    fillFilterOptions(cells, ents);
  }
  Object.entries(filterSelects).forEach(([name, select]) => {
    if (select.value !== state.filters[name]) {
      select.value = state.filters[name];
    }
  });
}

function fillFilterOptions(cells, ents) {
  fill(filterSelects.level, [['', t('filter.all')], ['SECOND', t('level.SECOND')], ['FIRST', t('level.FIRST')]]);
  fill(filterSelects.gridCell, [['', t('filter.all')]].concat([...cells].sort().map((c) => [c, c])));
  fill(filterSelects.enterprise, [['', t('filter.all')]].concat([...ents].sort().map((e) => [e, enterpriseName(e)])));
  fill(filterSelects.state, [['', t('filter.open')], ['UNACK', t('filter.unack')]]
    .concat(OPEN_STATES.map((s) => [s, t('status.' + s)])));
}

function fill(select, options) {
  select.replaceChildren(...options.map(([value, label]) => {
    const option = document.createElement('option');
    option.value = value;
    option.textContent = label;
    return option;
  }));
}

function setFilters(next) {
  Object.assign(state.filters, next);
  Object.entries(filterSelects).forEach(([name, select]) => {
    if (![...select.options].some((o) => o.value === state.filters[name])) {
      optionsKey = '';
    }
  });
  const params = new URLSearchParams();
  Object.entries(state.filters).forEach(([k, v]) => { if (v) { params.set(k, v); } });
  const hash = params.toString();
  history.replaceState(null, '', hash ? '#' + hash : location.pathname);
  orderDirty = true;
  countsDirty = true;
  schedule();
}

Object.entries(filterSelects).forEach(([name, select]) => {
  select.addEventListener('change', () => setFilters({ [name]: select.value }));
});
$('f-clear').addEventListener('click', () => setFilters({ level: '', gridCell: '', enterprise: '', state: '' }));
new URLSearchParams(location.hash.replace(/^#/, '')).forEach((v, k) => {
  if (k in state.filters) {
    state.filters[k] = v;
  }
});

// ---- commands -----------------------------------------------------------------------------------------
function command(id, name, payload) {
  const path = 'api/incidents/' + encodeURIComponent(id) + '/' + name;
  return json(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(payload || {})
  }).then((view) => {
    applyIncident(view);
    return view;
  }).catch((e) => {
    toast(t('error.action', { m: e.message }));
    throw e;
  });
}

let toastTimer = null;
function toast(text) {
  const node = $('toast');
  node.textContent = text;
  node.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { node.hidden = true; }, 6000);
}

function footer(text) {
  $('last-change').textContent = text;
}

// ---- views, map ---------------------------------------------------------------------------------------
function showView(view) {
  document.body.dataset.view = view;
  document.querySelectorAll('.tab').forEach((b) => b.setAttribute('aria-selected', String(b.dataset.tab === view)));
}
document.querySelectorAll('.tab').forEach((b) => b.addEventListener('click', () => showView(b.dataset.tab)));

const map = createMap($('plan'), {
  onEnterprise: (id) => { setFilters({ enterprise: id, gridCell: '' }); showView('list'); },
  onCell: (id) => { setFilters({ gridCell: id, enterprise: '' }); showView('list'); },
  hazardLabel: (level) => t('hazard.' + level)
});

function updateMap() {
  const alarms = new Map();
  const cellAlarms = new Map();
  state.rows.forEach((row) => {
    if (row.active) {
      alarms.set(row.alarm.enterprise, (alarms.get(row.alarm.enterprise) || 0) + 1);
      cellAlarms.set(row.alarm.gridCell, (cellAlarms.get(row.alarm.gridCell) || 0) + 1);
    }
  });
  map.update(state.risk, alarms, cellAlarms, (colour) => t('risk.' + colour));
  lineList($('over-alarm-line'), (r) => r.overAlarmLine);
  lineList($('over-warning-line'), (r) => r.overWarningLine && !r.overAlarmLine);
}

function lineList(list, predicate) {
  const risks = [...state.risk.values()].filter(predicate)
    .sort((a, b) => b.secondLevelAlarms - a.secondLevelAlarms || b.activeAlarms - a.activeAlarms);
  if (risks.length === 0) {
    const li = document.createElement('li');
    li.className = 'muted';
    li.textContent = t('map.none');
    list.replaceChildren(li);
    return;
  }
  list.replaceChildren(...risks.map((r) => {
    const li = document.createElement('li');
    li.dataset.enterprise = r.enterprise;
    const chip = document.createElement('span');
    chip.className = 'chip';
    chip.style.background = RISK_COLOURS[r.colour] || RISK_COLOURS.BLUE;
    const name = document.createElement('span');
    name.textContent = enterpriseName(r.enterprise);
    const n = document.createElement('span');
    n.className = 'sub';
    n.textContent = (r.gridCell || '') + ' · ' + t('map.alarms', { n: r.activeAlarms }) + ' · ' + t('risk.' + r.colour);
    li.append(chip, name, n);
    li.addEventListener('click', () => { setFilters({ enterprise: r.enterprise, gridCell: '' }); showView('list'); });
    return li;
  }));
}

function renderLegend() {
  $('legend').replaceChildren(...['RED', 'ORANGE', 'YELLOW', 'BLUE'].map((c) => {
    const span = document.createElement('span');
    const chip = document.createElement('span');
    chip.className = 'chip';
    chip.style.background = RISK_COLOURS[c];
    span.append(chip, document.createTextNode(t('risk.' + c)));
    return span;
  }));
}

function loadPlan() {
  return json('api/board/plan').then((plan) => {
    plan.enterprises.forEach((e) => {
      state.names.set(e.id, e.name || e.id);
      state.cells.set(e.id, e.gridCell);
      if (e.majorHazardLevel) {
        state.hazard.set(e.id, e.majorHazardLevel);
      }
    });
    state.gridCells = plan.gridCells.map((c) => c.id);
    const drawn = map.setPlan(plan);
    $('no-plan').hidden = drawn;
    const unplaced = plan.enterprises.filter((e) => !e.position);
    $('unplaced-box').hidden = unplaced.length === 0;
    $('unplaced').replaceChildren(...unplaced.map((e) => {
      const li = document.createElement('li');
      li.textContent = e.name || e.id;
      li.addEventListener('click', () => { setFilters({ enterprise: e.id }); showView('list'); });
      return li;
    }));
    state.rows.forEach((row) => dirty.add(row.id));
    countsDirty = true;
    schedule();
  }).catch((e) => toast(t('error.action', { m: e.message })));
}

// ---- feed health, language, clocks --------------------------------------------------------------------
// Every 10 s while the feed and the page's stream are live, every 2 s while either is not (a service that is
// stopping may still answer the first check); at once when the stream is lost or back, so that the warning
// neither lags the connection indicator by long nor outlives the outage.
let feedTimer = null;
function checkFeed() {
  clearTimeout(feedTimer);
  fetch(api('health'), { cache: 'no-store' })
    .then((r) => r.json())
    .then((health) => health.alarmFeed)
    .catch(() => 'UNREACHABLE')
    .then((feed) => {
      showFeed(feed);
      clearTimeout(feedTimer);
      const live = feed === 'LIVE' && $('connection').dataset.state === 'live';
      feedTimer = setTimeout(checkFeed, live ? 10000 : 2000);
    });
}

function showFeed(feed) {
  const node = $('feed-warning');
  if (feed === 'LIVE') {
    node.hidden = true;
    return;
  }
  node.hidden = false;
  node.dataset.kind = feed === 'REPLAYING' ? 'info' : 'alarm';
  node.textContent = t('feed.' + feed) || t('feed.UNREACHABLE');
}

function relabel() {
  applyStatic(document);
  optionsKey = '';
  setConnection($('connection').dataset.state);
  renderStages();
  sound.render();
  refused.rerender();
  renderLegend();
  state.rows.forEach((row) => dirty.add(row.id));
  orderDirty = true;
  countsDirty = true;
  schedule();
  detail.rerender();
  if (state.me) {
    $('me').textContent = t('user', { u: state.me.username, r: t('role.' + state.me.role) });
  }
}

$('lang').addEventListener('click', () => {
  setLanguage(language() === 'zh' ? 'en' : 'zh');
  relabel();
});

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
  trend: (id) => state.trends.get(id),
  mayHandle,
  enterpriseName
});

const refused = createRefused({ node: $('refused'), t, json, enterpriseName });

function remindIfUnacknowledged() {
  let pending = false;
  state.rows.forEach((row) => {
    if (row.alarm.level === 'SECOND' && UNACKNOWLEDGED.has(row.status)) {
      pending = true;
    }
  });
  if (pending && Date.now() - state.lastSecondAlarmAt > REMIND_EVERY_MS) {
    sound.reminder();
  }
}

// A hook for the browser test of the board's speed: apply synthetic stream events without the network.
window.hwBoard = {
  applyAlarm,
  applyIncident,
  rowCount: () => state.rows.size,
  renderedRows: () => tbody.childElementCount
};

// ---- start --------------------------------------------------------------------------------------------
relabel();
showView('list');
json('api/me').then((me) => {
  state.me = me;
  document.body.dataset.role = me.role;
  relabel();
}).catch(() => {});
// refused-message counts after the plan: they are shown with the enterprises' names
loadPlan().finally(() => { connect(); refused.refresh(); });
checkFeed();
setInterval(() => { state.rows.forEach((row) => dirty.add(row.id)); schedule(); }, 30000);
setInterval(remindIfUnacknowledged, REMIND_EVERY_MS);
