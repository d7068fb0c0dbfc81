// Alarm detail: the sensor's last hour from InfluxDB (through the service) as a uPlot chart with the set
// points drawn, the trend warning's predicted crossing, the incident's history, comments and notifications,
// and the acknowledge / comment / close-with-disposal actions.

import { dispatchText } from './dispatch-reply.js';
import { feedbackSection } from './feedback.js';

const COLOURS = { secondHigh: '#ff5252', firstHigh: '#ffb300', firstLow: '#ffb300', secondLow: '#ff5252' };
/** The incident events drawn on the sensor chart (issue 21): opened, acknowledged, cleared, closed. */
const MARK_COLOURS = { opened: '#ff8a80', acknowledged: '#ffd54f', cleared: '#81c784', closed: '#9fb0c0' };

export function h(tag, attrs, ...children) {
  const node = document.createElement(tag);
  Object.entries(attrs || {}).forEach(([k, v]) => {
    if (v === undefined || v === null || v === false) {
      return;
    }
    if (k === 'class') {
      node.className = v;
    } else if (k.startsWith('on')) {
      node.addEventListener(k.substring(2), v);
    } else if (k === 'dataset') {
      Object.assign(node.dataset, v);
    } else {
      node.setAttribute(k, v === true ? '' : String(v));
    }
  });
  children.flat().forEach((c) => {
    if (c !== null && c !== undefined && c !== false) {
      node.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
    }
  });
  return node;
}

/** The form fields (with an id) under {@code root}: their values, a file input itself, and which had the focus. */
function typedIn(root) {
  const fields = new Map();
  root.querySelectorAll('input[id], textarea[id], select[id]').forEach((el) => {
    if (el.type === 'file') {
      if (el.files && el.files.length) {
        fields.set(el.id, { node: el });
      }
    } else if (el.type === 'checkbox' || el.type === 'radio') {
      fields.set(el.id, { checked: el.checked });
    } else if (el.value !== el.defaultValue || el.tagName === 'SELECT') {
      fields.set(el.id, { value: el.value });
    }
  });
  const active = document.activeElement;
  const focus = active && root.contains(active) && active.id
    ? { id: active.id, start: active.selectionStart, end: active.selectionEnd } : null;
  return { fields, focus };
}

function restoreTyped(root, typed) {
  typed.fields.forEach((state, id) => {
    const el = root.querySelector('#' + CSS.escape(id));
    if (!el) {
      return;
    }
    if (state.node) {
      el.replaceWith(state.node);
    } else if ('checked' in state) {
      el.checked = state.checked;
    } else if (el.tagName !== 'SELECT' || [...el.options].some((o) => o.value === state.value)) {
      el.value = state.value;
    }
  });
  if (typed.focus) {
    const el = root.querySelector('#' + CSS.escape(typed.focus.id));
    if (el) {
      el.focus();
      if (typeof typed.focus.start === 'number' && el.setSelectionRange) {
        try { el.setSelectionRange(typed.focus.start, typed.focus.end); } catch (e) { /* not a text field */ }
      }
    }
  }
}

export function createDetail(ctx) {
  const { panel, body, t, api, fmt } = ctx;
  let openId = null;
  let incident = null;
  let history = null;
  let historyError = null;
  let chart = null;
  let refreshTimer = null;
  let historyTimer = null;
  let generation = 0;

  panel.querySelector('#detail-close').addEventListener('click', close);
  document.addEventListener('keydown', (e) => { if (e.key === 'Escape' && openId) { close(); } });

  function close() {
    openId = null;
    panel.hidden = true;
    document.body.dataset.detail = 'closed';
    clearInterval(historyTimer);
    if (chart) {
      chart.destroy();
      chart = null;
    }
  }

  function open(id) {
    openId = id;
    incident = null;
    history = null;
    historyError = null;
    generation += 1;
    panel.hidden = false;
    panel.dataset.incidentId = id;
    document.body.dataset.detail = 'open';
    render();
    loadIncident();
    clearInterval(historyTimer);
    historyTimer = setInterval(loadHistory, 30000);
  }

  function loadIncident() {
    const id = openId;
    const gen = generation;
    ctx.json('api/incidents/' + encodeURIComponent(id)).then((view) => {
      if (gen !== generation) {
        return;
      }
      const first = incident === null;
      incident = view;
      render();
      if (first) {
        loadHistory();
      }
    }).catch((e) => {
      if (gen === generation) {
        body.replaceChildren(h('p', { class: 'error' }, t('error.action', { m: e.message })));
      }
    });
  }

  function loadHistory() {
    if (!incident) {
      return;
    }
    const a = incident.alarm;
    const gen = generation;
    ctx.json('api/sensors/' + [a.enterprise, a.device, a.sensor].map(encodeURIComponent).join('/') + '/history?minutes=60')
      .then((data) => { if (gen === generation) { history = data; historyError = null; drawChart(); } })
      .catch((e) => { if (gen === generation) { historyError = e.message; drawChart(); } });
  }

  /** An incident event or alarm change of the open incident: fetch it again (at most every 300 ms). */
  function changed(id) {
    if (id !== openId || refreshTimer) {
      return;
    }
    refreshTimer = setTimeout(() => { refreshTimer = null; if (openId) { loadIncident(); } }, 300);
  }

  function render() {
    if (!incident) {
      body.replaceChildren(h('p', { class: 'muted' }, '…'));
      return;
    }
    const i = incident;
    const a = i.alarm;
    const row = ctx.row(i.id);
    const trend = ctx.trend(i.id);
    const may = ctx.mayHandle(a);
    const summary = h('div', { class: 'detail-summary' },
      h('div', { class: 'detail-badges' },
        h('span', { class: 'badge level-' + a.level.toLowerCase() }, t('level.' + a.level)),
        h('span', { class: 'state state-' + i.status.toLowerCase(), 'data-status': i.status }, t('status.' + i.status))),
      h('h3', {}, ctx.enterpriseName(a.enterprise)),
      h('dl', {},
        h('dt', {}, t('col.gridCell')), h('dd', {}, a.gridCell || '—'),
        h('dt', {}, t('detail.device')), h('dd', {}, a.device),
        h('dt', {}, t('col.sensor')), h('dd', {}, a.sensor + ' · ' + t('sensorType.' + a.sensorType) + ' · ' + t('alarmType.' + a.alarmType)),
        h('dt', {}, t('col.value')), h('dd', { class: 'value' }, fmt.number(row ? row.alarm.value : a.value) + ' ' + (a.unit || '')
          + (a.threshold == null ? '' : ' / ' + t('threshold') + ' ' + fmt.number(a.threshold))),
        h('dt', {}, t('time.raised')), h('dd', {}, fmt.time(a.raisedAt)),
        i.acknowledged ? h('dt', {}, t('status.ACKNOWLEDGED')) : null,
        i.acknowledged ? h('dd', {}, t('detail.acknowledgedBy', { by: i.acknowledged.by, t: fmt.time(i.acknowledged.at) })) : null,
        i.dispatch ? h('dt', {}, t('dispatch.title')) : null,
        i.dispatch ? h('dd', { class: 'dispatch-reply' }, dispatchText(i.dispatch) + ' · ' + fmt.time(i.dispatch.at)) : null,
        i.disposal ? h('dt', {}, t('detail.disposal')) : null,
        i.disposal ? h('dd', {}, t('detail.closedBy', { by: i.disposal.by, t: fmt.time(i.disposal.at) }) + ': ' + i.disposal.action
          + (i.disposal.notes ? ' — ' + i.disposal.notes : '')) : null),
      trend && trend.predictedCrossing ? h('p', { class: 'predicted' }, t('detail.predicted', {
        t: fmt.time(trend.predictedCrossing), v: fmt.number(trend.threshold), s: fmt.duration(trend.leadTimeSeconds * 1000)
      })) : null);

    const chartBox = h('div', { class: 'chart-box' },
      h('h4', {}, t('detail.chart')),
      h('div', { id: 'chart', class: 'chart' }),
      h('p', { id: 'chart-note', class: 'muted' }));

    const actions = h('div', { class: 'detail-actions' });
    if (!may) {
      actions.appendChild(h('p', { class: 'muted' }, t('detail.readOnly')));
    } else if (i.status !== 'CLOSED') {
      if (!i.acknowledged) {
        actions.appendChild(h('button', { class: 'primary ack', 'data-action': 'acknowledge', onclick: (e) => act(e, 'acknowledge') }, t('action.ack')));
      }
      const comment = h('textarea', { id: 'comment-text', rows: 2, placeholder: t('detail.commentText') });
      actions.appendChild(h('form', { class: 'comment-form', onsubmit: (e) => { e.preventDefault(); act(e, 'comments', { text: comment.value }); } },
        comment, h('button', { type: 'submit', class: 'comment' }, t('action.comment'))));
      const active = i.status === 'RAISED' || i.status === 'ACKNOWLEDGED';
      const action = h('input', { id: 'disposal-action', required: true, placeholder: t('detail.disposalAction') });
      const notes = h('textarea', { id: 'disposal-notes', rows: 2, placeholder: t('detail.disposalNotes') });
      actions.appendChild(h('form', { class: 'close-form', onsubmit: (e) => { e.preventDefault(); act(e, 'close', { action: action.value, notes: notes.value }); } },
        h('h4', {}, t('detail.disposal')),
        active ? h('p', { class: 'muted' }, t('detail.activeCannotClose')) : null,
        action, notes,
        h('button', { type: 'submit', class: 'close', disabled: active }, t('action.close'))));
    }

    const comments = h('div', { class: 'detail-section' }, h('h4', {}, t('detail.comments')),
      h('ul', { class: 'timeline' }, (i.comments || []).map((c) => h('li', {},
        h('time', {}, fmt.time(c.at)), h('b', {}, c.by), ' ', c.text))));
    const events = h('div', { class: 'detail-section' }, h('h4', {}, t('detail.history')),
      h('ul', { class: 'timeline' }, (i.history || []).slice().reverse().map((e) => h('li', { 'data-type': e.type },
        h('time', {}, fmt.time(e.at)), h('b', {}, t('event.' + e.type)), ' ', e.actor === 'system' ? '' : e.actor + ' ',
        h('span', { class: 'muted' }, e.detail || '')))));
    const deliveries = h('div', { class: 'detail-section' }, h('h4', {}, t('detail.deliveries')),
      (i.deliveries || []).length === 0 ? h('p', { class: 'muted' }, t('detail.noDeliveries')) : h('table', { class: 'deliveries' },
        h('tbody', {}, i.deliveries.map((d) => h('tr', { 'data-status': d.status },
          h('td', {}, fmt.time(d.updatedAt || d.queuedAt)), h('td', {}, d.recipient),
          h('td', {}, t('channel.' + d.channel) === 'channel.' + d.channel ? d.channel : t('channel.' + d.channel)),
          h('td', {}, d.purpose), h('td', { class: 'delivery-' + d.status.toLowerCase() }, t('delivery.' + d.status)
            + (d.attempts > 1 ? ' ×' + d.attempts : '')), h('td', { class: 'muted' }, d.lastError || ''))))));

    if (chart) {
      chart.destroy();
      chart = null;
    }
    const feedback = feedbackSection(i, { h, t, fmt, json: ctx.json, api, me: ctx.me, mayHandle: ctx.mayHandle,
      done: (view) => { if (view && view.id === openId) { incident = view; render(); } else { loadIncident(); } } });
    // what the person was typing (a comment, the disposal, the enterprise's report, a chosen photo) survives the
    // redraw that every change of the incident brings, and so does the focus
    const typed = typedIn(body);
    body.replaceChildren(summary, feedback, chartBox, actions, comments, events, deliveries);
    restoreTyped(body, typed);
    drawChart();
  }

  function act(event, command, payload) {
    const button = event.target.querySelector ? (event.target.querySelector('button[type=submit]') || event.target) : event.target;
    button.disabled = true;
    ctx.command(openId, command, payload)
      .then((view) => { incident = view; render(); })
      .catch(() => { button.disabled = false; });
  }

  function drawChart() {
    const box = body.querySelector('#chart');
    const note = body.querySelector('#chart-note');
    if (!box || !incident) {
      return;
    }
    if (chart) {
      chart.destroy();
      chart = null;
    }
    box.replaceChildren();
    if (historyError) {
      note.textContent = t('detail.historyUnavailable', { m: historyError });
      return;
    }
    if (!history) {
      note.textContent = '…';
      return;
    }
    if (typeof window.uPlot !== 'function') {
      note.textContent = 'uPlot not loaded';
      return;
    }
    const trend = ctx.trend(incident.id);
    const xs = history.times.map((ms) => ms / 1000);
    const ys = history.values.slice();
    note.textContent = xs.length === 0 ? t('detail.noData') : '';
    const th = history.thresholds || {};
    const lines = ['firstHigh', 'secondHigh', 'firstLow', 'secondLow']
      .filter((k) => typeof th[k] === 'number').map((k) => ({ key: k, value: th[k] }));
    const now = Date.now() / 1000;
    const predicted = trend && trend.predictedCrossing ? Date.parse(trend.predictedCrossing) / 1000 : null;
    const xMax = Math.max(now, predicted ? predicted + 60 : 0, xs.length ? xs[xs.length - 1] : 0);
    const xMin = Math.min(now - history.minutes * 60, xs.length ? xs[0] : now);
    const yValues = ys.concat(lines.map((l) => l.value));
    const yLo = Math.min(...yValues, 0);
    const yHi = Math.max(...yValues, 1);
    const pad = (yHi - yLo) * 0.1 || 1;
    const raisedAt = Date.parse(incident.alarm.raisedAt) / 1000;

    const width = Math.max(280, box.clientWidth || 520);
    chart = new window.uPlot({
      width,
      height: 240,
      legend: { show: false },
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: true, range: [xMin, xMax] }, y: { range: [yLo - pad, yHi + pad] } },
      axes: [
        { stroke: '#9fb0c0', grid: { stroke: '#2a3542' }, ticks: { stroke: '#2a3542' } },
        { stroke: '#9fb0c0', grid: { stroke: '#2a3542' }, ticks: { stroke: '#2a3542' }, size: 56 }
      ],
      series: [{}, { label: incident.alarm.sensor, stroke: '#4fc3f7', width: 2, points: { show: xs.length < 120 } }],
      hooks: {
        draw: [(u) => {
          const c = u.ctx;
          const left = u.bbox.left;
          const right = u.bbox.left + u.bbox.width;
          const top = u.bbox.top;
          const bottom = u.bbox.top + u.bbox.height;
          c.save();
          c.textAlign = 'left';
          c.textBaseline = 'alphabetic';
          c.font = (12 * devicePixelRatio) + 'px sans-serif';
          c.lineWidth = 1.5 * devicePixelRatio;
          lines.forEach((l) => {
            const y = u.valToPos(l.value, 'y', true);
            c.strokeStyle = COLOURS[l.key];
            c.fillStyle = COLOURS[l.key];
            c.setLineDash([6 * devicePixelRatio, 4 * devicePixelRatio]);
            c.beginPath(); c.moveTo(left, y); c.lineTo(right, y); c.stroke();
            c.setLineDash([]);
            c.fillText(t(l.key.startsWith('second') ? 'level.SECOND' : 'level.FIRST') + ' ' + l.value, left + 4, y - 4);
          });
          if (raisedAt >= xMin && raisedAt <= xMax) {
            const x = u.valToPos(raisedAt, 'x', true);
            c.strokeStyle = '#ff8a80';
            c.setLineDash([2 * devicePixelRatio, 3 * devicePixelRatio]);
            c.beginPath(); c.moveTo(x, top); c.lineTo(x, bottom); c.stroke();
            c.setLineDash([]);
            c.fillStyle = '#ff8a80';
            const label = t('detail.raisedMarker');
            const width = c.measureText(label).width;
            c.fillText(label, x + 4 + width > right ? x - 4 - width : x + 4, top + 14 * devicePixelRatio);
          }
          // the sensor's incident events from InfluxDB (issue 21): a short tick at the top, labelled
          (history.marks || []).forEach((m) => {
            const at = m.time / 1000;
            if (at < xMin || at > xMax) {
              return;
            }
            const x = u.valToPos(at, 'x', true);
            c.strokeStyle = MARK_COLOURS[m.event] || '#9fb0c0';
            c.fillStyle = c.strokeStyle;
            c.beginPath(); c.moveTo(x, bottom); c.lineTo(x, bottom - 18 * devicePixelRatio); c.stroke();
            c.fillText(t('mark.' + m.event), x + 3, bottom - 8 * devicePixelRatio);
          });
          if (predicted && xs.length > 0 && trend.threshold != null) {
            const x0 = u.valToPos(xs[xs.length - 1], 'x', true);
            const y0 = u.valToPos(ys[ys.length - 1], 'y', true);
            const x1 = u.valToPos(predicted, 'x', true);
            const y1 = u.valToPos(trend.threshold, 'y', true);
            c.strokeStyle = '#ce93d8';
            c.setLineDash([4 * devicePixelRatio, 4 * devicePixelRatio]);
            c.beginPath(); c.moveTo(x0, y0); c.lineTo(x1, y1); c.stroke();
            c.beginPath(); c.moveTo(x1, top); c.lineTo(x1, bottom); c.stroke();
            c.setLineDash([]);
            c.fillStyle = '#ce93d8';
            c.beginPath(); c.arc(x1, y1, 4 * devicePixelRatio, 0, 2 * Math.PI); c.fill();
            c.fillText(t('detail.predictedShort'), Math.min(x1 + 4, right - 90 * devicePixelRatio), y1 - 8);
          }
          c.restore();
        }]
      }
    }, [xs, ys], box);
    box.dataset.points = String(xs.length);
    box.dataset.thresholds = lines.map((l) => l.key).join(',');
    box.dataset.marks = String((history.marks || []).length);
  }

  return {
    open,
    close,
    changed,
    isOpen: (id) => openId === id,
    rerender: () => { if (openId) { render(); } }
  };
}
