// The enterprise page's own sections (profile, sensors, incidents): each draws what the server computed for it
// (GET /api/enterprises/{id}); no rule is decided here. Registered by enterprise.js under their section names.
import { h } from './detail.js';

/** A table inside a scrolling wrapper (phones scroll it sideways, the page does not). */
function table(ctx, columns, rows) {
  return h('div', { class: 'table-wrap' }, h('table', { class: 'ent-table' },
    h('thead', {}, h('tr', {}, columns.map((c) => h('th', {}, ctx.t(c))))),
    h('tbody', {}, rows)));
}

function setPoints(ctx, th) {
  if (!th) {
    return '—';
  }
  const parts = [];
  const add = (label, op, v) => { if (v !== null && v !== undefined) { parts.push(ctx.t(label) + ' ' + op + ctx.fmt.number(v)); } };
  add('ent.first', '≥', th.firstHigh);
  add('ent.second', '≥', th.secondHigh);
  add('ent.first', '≤', th.firstLow);
  add('ent.second', '≤', th.secondLow);
  return parts.join(' · ');
}

/** Section profile: the major-hazard units with their GB 18218 grade, the devices with their sensors. */
export function renderProfile(profile, ctx) {
  const units = profile.units || [];
  const unitRows = units.map((u) => h('tr', { dataset: { unit: u.unit } },
    h('td', {}, u.unit),
    h('td', { class: 'wrap' }, (u.substances || []).map((s) => h('span', { class: 'sub' },
      s.name + ' ' + ctx.fmt.number(s.quantity) + ' t / ' + ctx.fmt.number(s.criticalQuantity) + ' t · β ' + ctx.fmt.number(s.beta)))),
    h('td', { class: 'num' }, u.peopleWithin500m),
    h('td', { class: 'num' }, ctx.fmt.number(u.grade.s)),
    h('td', { class: 'num' }, ctx.fmt.number(u.grade.r)),
    h('td', {}, u.grade.level ? ctx.t('hazard.' + u.grade.level) : ctx.t('ent.notMajor'))));
  const devices = (profile.devices || []).map((d) => h('div', { class: 'ent-device', dataset: { device: d.id } },
    h('h4', {}, d.name ? d.name + ' (' + d.id + ')' : d.id),
    table(ctx, ['ent.sensor', 'ent.type', 'ent.unitOfMeasure', 'ent.thresholds', 'ent.range'],
      d.sensors.map((s) => h('tr', { dataset: { sensor: s.id } },
        h('td', {}, s.id),
        h('td', {}, ctx.t('sensorType.' + s.type)),
        h('td', {}, s.unit),
        h('td', {}, setPoints(ctx, s.thresholds)),
        h('td', { class: 'num' }, ctx.fmt.number(s.rangeMin) + ' – ' + ctx.fmt.number(s.rangeMax)))))));
  return [
    h('h4', {}, ctx.t('ent.units')),
    units.length === 0 ? h('p', { class: 'muted' }, ctx.t('ent.noUnits'))
      : table(ctx, ['ent.unit', 'ent.substances', 'ent.people', 'ent.s', 'ent.r', 'ent.level'], unitRows),
    h('h4', {}, ctx.t('ent.devices')),
    devices
  ];
}

/** Section sensors: each sensor's newest reading and whether it is in alarm now. */
export function renderSensors(content, ctx) {
  const rows = (content.sensors || []).map((s) => h('tr', {
    class: s.alarm ? 'level-' + String(s.level).toLowerCase() : '',
    dataset: { sensor: s.device + '/' + s.sensor, alarm: String(s.alarm) },
    onclick: s.incidentId ? () => ctx.openIncident(s.incidentId) : null
  },
  h('td', {}, s.device + ' / ' + s.sensor),
  h('td', {}, ctx.t('sensorType.' + s.type)),
  h('td', { class: 'num value' }, h('span', { class: 'reading' }, s.value === undefined ? '—' : ctx.fmt.number(s.value) + ' ' + s.unit)),
  h('td', {}, s.time ? ctx.fmt.time(s.time) : ctx.t('ent.noData')),
  h('td', {}, s.alarm
    ? h('span', { class: 'badge level-' + String(s.level).toLowerCase(), title: s.incidentId },
      ctx.t('level.' + s.level) + ' · ' + ctx.t('alarmType.' + s.alarmType))
    : ctx.t('ent.normal'))));
  return rows.length === 0 ? h('p', { class: 'muted' }, ctx.t('ent.none'))
    : table(ctx, ['ent.sensor', 'ent.type', 'ent.value', 'ent.time', 'ent.state'], rows);
}

/** Section incidents: the open incidents as the board's rows (newest first), and the count closed in 30 days. */
export function renderIncidents(content, ctx) {
  const rows = (content.open || []).map((row) => {
    const a = row.alarm;
    return h('tr', {
      class: 'level-' + String(a.level).toLowerCase(),
      dataset: { incidentId: row.id },
      onclick: () => ctx.openIncident(row.id)
    },
    h('td', {}, h('span', { class: 'badge level-' + String(a.level).toLowerCase() }, ctx.t('level.' + a.level))),
    h('td', {}, a.device + ' / ' + a.sensor, h('span', { class: 'sub' }, ctx.t('alarmType.' + a.alarmType))),
    h('td', { class: 'num value' }, h('span', { class: 'reading' }, ctx.fmt.number(a.value) + ' ' + (a.unit || ''))),
    h('td', {}, ctx.fmt.time(a.raisedAt)),
    h('td', {}, h('span', { class: 'state state-' + row.status.toLowerCase() }, ctx.t('status.' + row.status))));
  });
  return [
    rows.length === 0 ? h('p', { class: 'muted' }, ctx.t('ent.openNone'))
      : table(ctx, ['col.level', 'col.sensor', 'col.value', 'col.time', 'col.state'], rows),
    h('p', { class: 'muted ent-closed' }, ctx.t('ent.closed30', { n: content.closedLast30Days }))
  ];
}
