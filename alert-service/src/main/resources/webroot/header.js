// The board's header and edges: the connection indicator, the monitoring chain's stages (drawn from what the
// server judged, nothing decided here), the alarm feed's health warning, the footer line and the toast.
import { t } from './i18n.js';
import { api, fmt } from './net.js';
import { state, $ } from './state.js';

export function setConnection(s) {
  // a board that lost its stream no longer knows the stages: they are greyed out until it is back
  $('stages').dataset.stale = String(!state.monitoring || s !== 'live');
  const node = $('connection');
  node.dataset.state = s;
  node.textContent = t('conn.' + s);
}

export function renderStages() {
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

// Every 10 s while the feed and the page's stream are live, every 2 s while either is not (a service that is
// stopping may still answer the first check); at once when the stream is lost or back, so that the warning
// neither lags the connection indicator by long nor outlives the outage.
let feedTimer = null;
export function checkFeed() {
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

let toastTimer = null;
export function toast(text) {
  const node = $('toast');
  node.textContent = text;
  node.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { node.hidden = true; }, 6000);
}

export function footer(text) {
  $('last-change').textContent = text;
}
