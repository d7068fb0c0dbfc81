// The page's requests to the alert service, and how it formats what the service sends.
import { t } from './i18n.js';

/** Absolute URLs from the origin: a page opened with user:password@ in its address must not put them in fetch URLs. */
export function api(path) {
  return location.origin + '/' + path.replace(/^\//, '');
}

/**
 * GET (or {@code options}) a JSON resource; fails with the service's error message. A change (any method but GET)
 * carries the session's CSRF token, which the service wants from a page logged in by cookie; a 401 (the login ended:
 * idle too long, logged out, the service restarted) goes back to the login page.
 */
export function json(path, options) {
  const o = Object.assign({ cache: 'no-store', credentials: 'same-origin' }, options || {});
  const method = (o.method || 'GET').toUpperCase();
  if (method === 'GET' || method === 'HEAD') {
    return send(path, o);
  }
  return csrfToken().then((token) => {
    o.headers = Object.assign({}, o.headers || {}, token ? { 'X-CSRF-Token': token } : {});
    return send(path, o);
  });
}

function send(path, o) {
  return fetch(api(path), o)
    .then((r) => r.text().then((text) => {
      let body = null;
      try {
        body = text ? JSON.parse(text) : null;
      } catch (e) { /* not JSON */ }
      if (r.status === 401) {
        toLogin();
      }
      if (!r.ok) {
        throw new Error((body && body.message) || ('HTTP ' + r.status));
      }
      return body;
    }));
}

let token = null;

/** The session's CSRF token (GET /api/me has it; none when the page was opened with HTTP Basic). */
export function csrfToken() {
  if (!token) {
    token = send('api/me', { cache: 'no-store', credentials: 'same-origin' })
      .then((me) => (me && me.csrfToken) || '', () => { token = null; return ''; });
  }
  return token;
}

/** The login page, coming back to this page's view afterwards. */
function toLogin() {
  location.assign(api('login.html') + (location.hash || ''));
}

/** Ends the board's login and shows the login page. */
export function logout() {
  return fetch(api('logout'), { method: 'POST', credentials: 'same-origin' }).finally(toLogin);
}

// The park's time zone (GET /api/settings, the alerting policy's; zone.js sets it once): every time on every page is
// shown in it, never in the browser's zone. Until it is known, the browser's.
let parkZone;
let parts = null;

/** Sets the zone times are shown in (an IANA name such as Asia/Shanghai). */
export function setZone(zone) {
  parkZone = zone;
  parts = null;
}

/** The calendar fields of {@code iso} in the park's zone: {year, month, day, hour, minute, second} as strings. */
export function zoned(iso) {
  if (!parts) {
    parts = new Intl.DateTimeFormat('en-US', { timeZone: parkZone, hourCycle: 'h23', year: 'numeric', month: 'numeric',
      day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
  }
  const p = {};
  parts.formatToParts(new Date(iso)).forEach((x) => { p[x.type] = x.value; });
  return p;
}

export const fmt = {
  number(v) {
    return typeof v === 'number' ? String(Math.round(v * 100) / 100) : '—';
  },
  time(iso) {
    if (!iso) {
      return '—';
    }
    const p = zoned(iso);
    return p.month + '-' + p.day + ' ' + p.hour + ':' + p.minute + ':' + p.second;
  },
  /** The park's calendar day of {@code iso}: 2026-11-25. */
  date(iso) {
    if (!iso) {
      return '—';
    }
    if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) {
      return iso; // already a day of the park
    }
    const p = zoned(iso);
    return p.year + '-' + p.month.padStart(2, '0') + '-' + p.day;
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
