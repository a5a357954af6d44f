// Source health: per configured source and stream, the last run, records in the cache, cursor age and the
// last error, with when the source runs next. It renders the status API's own view (buildStatus), so the
// page and /api/v1/status can never disagree, and secrets are scrubbed and URLs redacted in one place.
import type { z } from 'zod';
import type { StatusSchema } from '../routes/status.js';
import { age, badge, esc, minute } from './html.js';

type Status = z.infer<typeof StatusSchema>;
type Source = Status['sources'][number];
type Stream = Source['streams'][number];

function health(s: Stream): string {
  if (s.lastError !== null) return badge('alarm', 'error');
  if (s.lastRunAt === null) return badge('skip', 'never run');
  return badge('ok');
}

function streamRow(source: Source, s: Stream, first: boolean, span: number): string {
  const sourceCells = first
    ? `<td rowspan="${span}"><strong>${esc(source.id)}</strong>` +
      `<br><span class="small muted">${esc(source.type ?? 'no longer configured')}${source.enabled ? '' : ', disabled'}</span></td>` +
      `<td rowspan="${span}" class="date">${esc(minute(source.nextRunAt))}</td>`
    : '';
  const error =
    s.lastError === null
      ? ''
      : `<strong>${esc(s.lastError.code)}</strong> ${esc(s.lastError.message)} <span class="small muted">${esc(minute(s.lastError.at))}</span>`;
  return (
    `<tr data-source="${esc(source.id)}" data-stream="${esc(s.stream)}">${sourceCells}` +
    `<td>${esc(s.stream)}</td><td>${health(s)}</td><td class="date">${esc(minute(s.lastRunAt))}</td>` +
    `<td class="date">${esc(minute(s.lastSuccessAt))}</td><td class="num">${s.records}</td>` +
    `<td class="num">${s.fetched}</td><td class="num">${esc(age(s.cursorAgeSeconds))}</td><td>${error}</td></tr>`
  );
}

export function sourceHealth(status: Status): string {
  const rows = status.sources.flatMap((source) =>
    source.streams.length === 0
      ? [
          `<tr data-source="${esc(source.id)}"><td><strong>${esc(source.id)}</strong></td>` +
            `<td class="date">${esc(minute(source.nextRunAt))}</td><td colspan="8" class="muted">not polled yet</td></tr>`,
        ]
      : source.streams.map((s, i) => streamRow(source, s, i === 0, source.streams.length)),
  );
  const body =
    rows.length === 0
      ? '<p>No sources are configured.</p>'
      : `<table class="sources"><thead><tr><th>source</th><th>next run (UTC)</th><th>stream</th><th>health</th>` +
        `<th>last run</th><th>last success</th><th class="num">records</th><th class="num">fetched</th>` +
        `<th class="num">cursor age</th><th>last error</th></tr></thead><tbody>${rows.join('\n')}</tbody></table>`;
  return (
    `<section id="sources"><h2>Source health</h2>${body}` +
    `<p class="small muted">Cursor age is the time since the stream's cursor last moved (its last successful poll); ` +
    `much more than the schedule's interval means the stream is not advancing.</p></section>`
  );
}
