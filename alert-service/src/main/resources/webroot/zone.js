// The park's time zone (issue 21, ops): read once from GET /api/settings (the alerting policy's `timezone`, its one
// author); every time on the board is then shown in it (net.js fmt), and the header names it once.
import { t } from './i18n.js';
import { json, setZone } from './net.js';
import { $ } from './state.js';

let settings = null;

function label() {
  const node = $('zone');
  if (node && settings) {
    node.textContent = t('zone.label', { z: settings.timezone, o: settings.offset });
    node.title = t('zone.title');
  }
}

/** Resolves once the zone is known (or could not be read: the browser's zone stays). */
export const zoneReady = json('api/settings').then((s) => {
  settings = s;
  setZone(s.timezone);
  document.body.dataset.timezone = s.timezone;
  label();
}).catch(() => {});

$('lang').addEventListener('click', () => setTimeout(label, 0));
