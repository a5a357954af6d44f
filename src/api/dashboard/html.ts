// The few HTML builders the dashboard's sections share. Every value goes through esc(): findings carry
// text from tickets and records that anyone in the ITSM tool could have typed.
import { esc } from '../../report/html-escape.js';

export { esc };

export function badge(status: string, label: string = status): string {
  return `<span class="badge s-${esc(status)}">${esc(label)}</span>`;
}

/** A link to a URL that came from state; anything but http(s) (javascript:, data:) is text, never a link. */
export function externalLink(text: string, url: string): string {
  return /^https?:\/\//i.test(url) ? `<a class="ext" href="${esc(url)}">${esc(text)}</a>` : esc(text);
}

/** A same-origin link (to a filtered dashboard view or an API document). */
export function localLink(text: string, href: string, className = ''): string {
  const cls = className === '' ? '' : ` class="${esc(className)}"`;
  return `<a${cls} href="${esc(href)}">${esc(text)}</a>`;
}

/** "2026-11-20 11:58" in UTC: minutes are enough on a status page, and the zone is said once in the header. */
export function minute(iso: string | null): string {
  return iso === null ? '-' : iso.slice(0, 16).replace('T', ' ');
}

/** A duration in the largest unit that keeps it readable: 45 s, 12 min, 3 h, 2 d. */
export function age(seconds: number | null): string {
  if (seconds === null) return '-';
  if (seconds < 120) return `${seconds} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  if (seconds < 172_800) return `${Math.round(seconds / 3600)} h`;
  return `${Math.round(seconds / 86_400)} d`;
}
