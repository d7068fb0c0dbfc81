// Emergency dispatch's answer to an incident (issue 21, ops), as the server recorded it from dispatch's signed
// callback: drawn on the board row and in the incident's detail — "调度已接警 · 消防3队".
import { t } from './i18n.js';

/** The text of dispatch's answer, or '' when it has not answered. */
export function dispatchText(reply) {
  if (!reply) {
    return '';
  }
  return t('dispatch.' + reply.status) + (reply.unit ? ' · ' + t('dispatch.unit', { u: reply.unit }) : '');
}
