// What the board knows: the rows the server sent (one per open incident, keyed by incident id), the park plan's
// names, the risk states and the filters. Nothing here is computed from the rows: the server wrote them.
import { t } from './i18n.js';

export const state = {
  me: null,
  rows: new Map(), // incident id → the server's board row (+ sounded, fresh: what this page did with it)
  names: new Map(), // enterprise → name
  hazard: new Map(), // enterprise → its GB 18218 major hazard level (1 most severe … 4), when declared
  gridCells: [], // grid cell ids of the plan
  risk: new Map(), // enterprise → RiskState
  lists: null, // the watch and priority inspection lists (GET /api/lists), once loaded
  filters: { level: '', gridCell: '', enterprise: '', state: '' },
  monitoring: null // the watchdog's view of the monitoring chain (stages), from the stream
};

export const $ = (id) => document.getElementById(id);

export function enterpriseName(id) {
  return state.names.get(id) || id;
}

/** "Hengda Fine Chemicals · 二级重大危险源": the name with the enterprise's major hazard level, if declared. */
export function enterpriseLabel(id) {
  const level = state.hazard.get(id);
  return enterpriseName(id) + (level ? ' · ' + t('hazard.' + level) : '');
}

export function mayHandle(alarm) {
  const me = state.me;
  if (!me || me.role === 'ENTERPRISE') {
    return false;
  }
  return me.role !== 'GRID_STAFF' || (me.gridCells || []).includes(alarm.gridCell);
}

/** The row of an incident with a trend warning's predicted crossing, or null. */
export function trendOf(id) {
  const row = state.rows.get(id);
  return row && row.alarm.predictedCrossing ? row.alarm : null;
}
