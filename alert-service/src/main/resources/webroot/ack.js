'use strict';
// The one-tap acknowledge page of a message's link (issue 21). The server decides everything: whether the link works,
// what the incident is (in the person's language), and the acknowledgement; this page shows it and sends the one tap.
import { t, setLanguage, language, applyStatic } from './i18n.js';

const $ = (id) => document.getElementById(id);
const url = window.location.pathname;
let languageChosen = false;

function show(view) {
  if (!languageChosen && view.language && view.language !== language()) {
    setLanguage(view.language);
  }
  applyStatic(document);
  document.title = t('ack.title');
  $('ack-headline').textContent = view.headline || '';
  $('ack-statement').textContent = view.statement || '';
  $('ack-place').textContent = view.place || '—';
  $('ack-time').textContent = view.time || '—';
  const result = $('ack-result');
  result.dataset.state = view.state;
  result.textContent = t('ack.state.' + view.state, { by: view.acknowledgedBy || '', at: view.acknowledgedAt || '' });
  $('ack-button').hidden = view.state !== 'open';
}

async function load() {
  try {
    const response = await fetch(url, { headers: { Accept: 'application/json' }, cache: 'no-store' });
    show(await response.json());
  } catch (e) {
    show({ state: 'error' });
  }
}

async function acknowledge() {
  const button = $('ack-button');
  button.disabled = true;
  try {
    const response = await fetch(url, { method: 'POST', headers: { Accept: 'application/json' } });
    show(response.status === 429 ? { state: 'busy' } : await response.json());
  } catch (e) {
    show({ state: 'error' });
  } finally {
    button.disabled = false;
  }
}

$('ack-button').addEventListener('click', acknowledge);
$('ack-lang').addEventListener('click', () => {
  languageChosen = true;
  setLanguage(language() === 'zh' ? 'en' : 'zh');
  load();
});
load();
