// Small HTML builders the report's sections share: status badges, record links, dated cells.
import { esc } from './html-escape.js';
import { day, safeUrl } from './format.js';
import type { DatedRecord } from './report-schema.js';

export function badge(status: string, label: string = status): string {
  return `<span class="badge s-${esc(status)}">${esc(label)}</span>`;
}

/** A link to a URL from a record or the config; anything but http(s) is shown as text, never a link. */
export function link(text: string, url: string): string {
  const href = safeUrl(url);
  return href === undefined ? esc(text) : `<a class="ext" href="${esc(href)}">${esc(text)}</a>`;
}

export function recordLink(record: DatedRecord): string {
  return link(record.key === '' ? record.id : record.key, record.url);
}

/** The record's own dates as table cells: created, updated, closed (with the field that closed it). */
export function dateCells(record: DatedRecord | null): string {
  if (record === null) return '<td class="date">-</td><td class="date">-</td><td class="date">-</td>';
  const closed =
    record.closedAt === null
      ? '-'
      : `${esc(day(record.closedAt))} <span class="muted small">${esc(record.closedField ?? '')}</span>`;
  return (
    `<td class="date">${esc(day(record.createdAt))}</td>` +
    `<td class="date">${esc(day(record.updatedAt))}</td>` +
    `<td class="date">${closed}</td>`
  );
}

export const DATE_HEADERS = '<th>created</th><th>updated</th><th>closed</th>';

/** An id usable in an href fragment and an id attribute (clause and control ids are simple already). */
export function anchor(prefix: string, id: string): string {
  return `${prefix}-${id.replace(/[^A-Za-z0-9._-]/g, '_')}`;
}

export function table(head: string, rows: readonly string[], className = ''): string {
  const cls = className === '' ? '' : ` class="${esc(className)}"`;
  return `<table${cls}><thead><tr>${head}</tr></thead><tbody>${rows.join('\n')}</tbody></table>`;
}
