// The page's requests to the alert service, and how it formats what the service sends.
import { t } from './i18n.js';

/** Absolute URLs from the origin: a page opened with user:password@ in its address must not put them in fetch URLs. */
export function api(path) {
  return location.origin + '/' + path.replace(/^\//, '');
}

/** GET (or {@code options}) a JSON resource; fails with the service's error message. */
export function json(path, options) {
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

export const fmt = {
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
  },
  now() {
    return fmt.time(new Date().toISOString());
  }
};
