// The list's filters (level, grid cell, enterprise, state), kept in the address's #hash.
import { t, language } from './i18n.js';
import { state, $, enterpriseName } from './state.js';

const STATES = ['RAISED', 'ACKNOWLEDGED', 'CLEARED_UNACKNOWLEDGED', 'CLEARED'];

/** @param changed called after the filters changed (the list is placed again) */
export function createFilters(changed) {
  const selects = { level: $('f-level'), gridCell: $('f-gridCell'), enterprise: $('f-enterprise'), state: $('f-state') };
  let optionsKey = '';

  function set(next) {
    Object.assign(state.filters, next);
    Object.entries(selects).forEach(([name, select]) => {
      if (![...select.options].some((o) => o.value === state.filters[name])) {
        optionsKey = '';
      }
    });
    const params = new URLSearchParams();
    Object.entries(state.filters).forEach(([k, v]) => { if (v) { params.set(k, v); } });
    const hash = params.toString();
    history.replaceState(null, '', hash ? '#' + hash : location.pathname);
    changed();
  }

  /** The options: the plan's grid cells and enterprises and those of the rows. */
  function update() {
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
      fill(selects.level, [['', t('filter.all')], ['SECOND', t('level.SECOND')], ['FIRST', t('level.FIRST')]]);
      fill(selects.gridCell, [['', t('filter.all')]].concat([...cells].sort().map((c) => [c, c])));
      fill(selects.enterprise, [['', t('filter.all')]].concat([...ents].sort().map((e) => [e, enterpriseName(e)])));
      fill(selects.state, [['', t('filter.open')], ['UNACK', t('filter.unack')]]
        .concat(STATES.map((s) => [s, t('status.' + s)])));
    }
    Object.entries(selects).forEach(([name, select]) => {
      if (select.value !== state.filters[name]) {
        select.value = state.filters[name];
      }
    });
  }

  Object.entries(selects).forEach(([name, select]) => {
    select.addEventListener('change', () => set({ [name]: select.value }));
  });
  $('f-clear').addEventListener('click', () => set({ level: '', gridCell: '', enterprise: '', state: '' }));
  new URLSearchParams(location.hash.replace(/^#/, '')).forEach((v, k) => {
    if (k in state.filters) {
      state.filters[k] = v;
    }
  });

  return { set, update, relabel: () => { optionsKey = ''; } };
}

function fill(select, options) {
  select.replaceChildren(...options.map(([value, label]) => {
    const option = document.createElement('option');
    option.value = value;
    option.textContent = label;
    return option;
  }));
}
