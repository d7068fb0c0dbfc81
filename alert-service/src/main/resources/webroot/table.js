// The alarm list: each board row keeps its own table row (keyed by incident id); changes are collected and
// written to the DOM once per animation frame. It draws what the server's rows say and decides nothing.
import { dispatchText } from './dispatch-reply.js';
import { t } from './i18n.js';
import { fmt } from './net.js';
import { state, $, enterpriseLabel, mayHandle } from './state.js';
import { declaredLabel } from './commitments.js';
import { enterpriseLink } from './enterprise-link.js';

const LEVEL_RANK = { SECOND: 2, FIRST: 1, NONE: 0 };

/**
 * @param tbody   the table body
 * @param actions onAck(id) → Promise, onOpen(id): the row's buttons; onCounts(): after the counts were redrawn
 */
export function createTable(tbody, actions) {
  const rowEls = new Map();
  const dirty = new Set();
  let orderDirty = true;
  let countsDirty = true;
  let frameRequested = false;

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
      actions.onCounts();
    }
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

  function createRowElement(row) {
    const tr = document.createElement('tr');
    tr.dataset.incidentId = row.id;
    tr.dataset.alarmKey = row.alarm.alarmKey;
    const p = {};
    const cell = (className, ...children) => {
      const node = document.createElement('td');
      node.className = className;
      node.append(...children);
      return node;
    };
    const span = (className) => {
      const node = document.createElement('span');
      if (className) {
        node.className = className;
      }
      return node;
    };
    p.badge = span();
    p.sensorMain = span();
    p.sensorSub = span('sub');
    p.declared = span('declared'); // issue 20: the unit's declared state (commitment), as the server marked the row
    p.value = span('reading');
    p.threshold = span('sub');
    p.raised = span();
    p.since = span('sub');
    p.state = span();
    p.comments = span('sub');
    p.feedback = span();
    p.dispatch = span('dispatch-badge'); // issue 21 (ops): dispatch's answer
    p.ack = button('ack', (e) => {
      e.stopPropagation();
      p.ack.disabled = true;
      actions.onAck(row.id).catch(() => { p.ack.disabled = false; });
    });
    p.ack.dataset.action = 'acknowledge';
    p.detail = button('open-detail', (e) => { e.stopPropagation(); actions.onOpen(row.id); });
    p.entLink = enterpriseLink(row.alarm.enterprise, '');
    p.ent = cell('enterprise', p.entLink);
    p.grid = cell('grid');
    tr.append(cell('level', p.badge), p.ent, p.grid, cell('sensor', p.sensorMain, p.sensorSub, p.declared),
      cell('num value', p.value, p.threshold), cell('time', p.raised, p.since), cell('state', p.state, p.comments, p.feedback, p.dispatch),
      cell('actions', p.ack, p.detail));
    tr.addEventListener('click', () => actions.onOpen(row.id));
    tr._parts = p;
    return tr;
  }

  function updateRowElement(tr, row) {
    const a = row.alarm;
    const p = tr._parts;
    const unack = row.awaitsAcknowledgement;
    tr.className = 'level-' + String(a.level).toLowerCase() + (row.active ? '' : ' cleared')
      + (a.level === 'SECOND' && unack ? ' flash' : '') + (row.fresh ? ' changed' : '');
    row.fresh = false;
    tr.dataset.level = a.level;
    tr.dataset.status = row.status;
    tr.dataset.enterprise = a.enterprise;
    p.badge.className = 'badge level-' + String(a.level).toLowerCase();
    setText(p.badge, t('level.' + a.level));
    setText(p.entLink, enterpriseLabel(a.enterprise));
    p.ent.title = a.enterprise;
    tr.dataset.hazardLevel = state.hazard.get(a.enterprise) || '';
    // cell * : the platform's own system incidents, which concern every grid
    setText(p.grid, a.gridCell === '*' ? t('grid.all') : (a.gridCell || '—'));
    setText(p.sensorMain, a.device + ' / ' + a.sensor);
    setText(p.sensorSub, t('sensorType.' + a.sensorType) + ' · ' + t('alarmType.' + a.alarmType));
    setText(p.declared, declaredLabel(row.declared));
    p.declared.dataset.state = row.declared ? row.declared.state : '';
    // a system incident (the watchdog's) has no reading
    setText(p.value, a.alarmType === 'MONITORING' ? '' : fmt.number(a.value) + ' ' + (a.unit || ''));
    setText(p.threshold, a.threshold == null ? '' : t('threshold') + ' ' + fmt.number(a.threshold));
    setText(p.raised, fmt.time(a.raisedAt));
    p.raised.title = a.raisedAt;
    setText(p.since, t('time.for', { d: fmt.duration(Date.now() - Date.parse(a.raisedAt)) }));
    p.state.className = 'state state-' + row.status.toLowerCase();
    setText(p.state, t('status.' + row.status));
    setText(p.comments, row.commentCount > 0 ? t('detail.comments') + ' ' + row.commentCount : '');
    // the enterprise's feedback as the server summed it up (due / late / reported / verified)
    const fb = row.feedback || { state: 'NOT_NEEDED' };
    p.feedback.className = 'fb-badge fb-' + fb.state.toLowerCase() + (fb.late ? ' fb-was-late' : '');
    p.feedback.hidden = fb.state === 'NOT_NEEDED';
    tr.dataset.feedback = fb.state;
    setText(p.feedback, fb.state === 'NOT_NEEDED' ? '' : t('fb.state.' + fb.state)
      + (fb.nextDeadline ? ' ' + fmt.time(fb.nextDeadline).slice(-8, -3) : '') + (fb.late && fb.state !== 'LATE' ? ' · ' + t('fb.wasLate') : ''));
    setText(p.dispatch, dispatchText(row.dispatch));
    p.dispatch.hidden = !row.dispatch;
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
      if (row.awaitsAcknowledgement) {
        unack += 1;
      }
    });
    count('count-active', 'count.active', active);
    count('count-second', 'count.second', second);
    count('count-unack', 'count.unack', unack);
    document.title = (active > 0 ? '(' + active + ') ' : '') + t('title');
  }

  return {
    /** A row changed (or left); {@code reorder}: its place in the list may have changed. */
    row(id, reorder) {
      dirty.add(id);
      orderDirty = orderDirty || reorder;
      countsDirty = true;
      schedule();
    },
    /** Every row is drawn again (labels, durations); {@code reorder} also re-sorts and recounts. */
    all(reorder) {
      state.rows.forEach((row) => dirty.add(row.id));
      orderDirty = orderDirty || reorder;
      countsDirty = countsDirty || reorder;
      schedule();
    },
    /** Filters or risk states changed: re-sort and recount. */
    refresh() {
      orderDirty = true;
      countsDirty = true;
      schedule();
    },
    renderedRows: () => tbody.childElementCount
  };
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
    return row.awaitsAcknowledgement;
  }
  return !f.state || row.status === f.state;
}

function button(className, onClick) {
  const node = document.createElement('button');
  node.className = className;
  node.addEventListener('click', onClick);
  return node;
}

function count(id, key, n) {
  const node = $(id);
  setText(node, t(key, { n }));
  node.dataset.count = String(n);
}

function setText(node, text) {
  if (node.textContent !== text) {
    node.textContent = text;
  }
}
