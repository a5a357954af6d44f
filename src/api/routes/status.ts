// GET /api/v1/status: how each configured source and its streams fared in their last poll, and when each
// source runs next. Source settings are shown by whitelist (id, type, schedule, URL without credentials):
// the config itself is never echoed.
import { z } from 'zod';
import { RecordKindSchema } from '../../contracts/records.js';
import { redactUrl } from '../../lib/redact.js';
import type { StreamStatus } from '../../state/state-schema.js';
import type { ApiContext, ZodApp } from '../api-context.js';
import type { RunControl } from '../api-deps.js';

const StreamViewSchema = z.object({
  stream: z.string(),
  kind: RecordKindSchema,
  lastRunAt: z.string().nullable(),
  lastSuccessAt: z.string().nullable(),
  durationMs: z.number().nullable(),
  /** Records in the local cache after the last poll. */
  records: z.number().int(),
  fetched: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  deleted: z.number().int(),
  /**
   * Seconds since the cursor last advanced (the last successful poll), null without a cursor. The cursor
   * itself is opaque to the service, so its age is measured by when it was saved, not by what it holds.
   */
  cursorAgeSeconds: z.number().int().nullable(),
  lastSweepAt: z.string().nullable(),
  lastError: z.object({ code: z.string(), message: z.string(), at: z.string() }).nullable(),
});

const SourceViewSchema = z.object({
  id: z.string(),
  /** Null for a source that has state but is no longer in the configuration. */
  type: z.string().nullable(),
  enabled: z.boolean(),
  configured: z.boolean(),
  schedule: z.string().nullable(),
  /** The instance URL without user info or credential parameters. */
  url: z.string().nullable(),
  nextRunAt: z.string().nullable(),
  streams: z.array(StreamViewSchema),
});

export const StatusSchema = z.object({
  generatedAt: z.string(),
  currentRun: z.object({ id: z.string(), startedAt: z.string() }).nullable(),
  sources: z.array(SourceViewSchema),
  lastAssessment: z
    .object({ at: z.string(), pack: z.string(), totals: z.record(z.string(), z.number().int()) })
    .nullable(),
});

type StreamView = z.infer<typeof StreamViewSchema>;
type SourceView = z.infer<typeof SourceViewSchema>;

function streamView(s: StreamStatus, now: Date, scrub: (text: string) => string): StreamView {
  const savedAt = s.cursor === null ? null : s.lastSuccessAt;
  return {
    stream: s.stream,
    kind: s.kind,
    lastRunAt: s.lastRunAt,
    lastSuccessAt: s.lastSuccessAt,
    durationMs: s.durationMs,
    records: s.records,
    fetched: s.fetched,
    created: s.created,
    updated: s.updated,
    unchanged: s.unchanged,
    deleted: s.deleted,
    cursorAgeSeconds:
      savedAt === null ? null : Math.max(0, Math.floor((now.getTime() - Date.parse(savedAt)) / 1000)),
    lastSweepAt: s.lastSweepAt,
    lastError:
      s.lastError === null
        ? null
        : { code: s.lastError.code, message: scrub(s.lastError.message), at: s.lastError.at },
  };
}

type NextRuns = Readonly<Record<string, string | null>>;

/** The longest one answer of nextRuns() is reused, even when none of its times has passed. */
const NEXT_RUNS_MAX_AGE_MS = 5_000;

/**
 * node-cron works every next run out from the calendar on each call: profiled at 1,000 status requests a
 * second during a sync, that was about a tenth of the service's CPU time, more than the rest of the route.
 * A next-run time cannot change before it is reached, so one answer is reused until the earliest of its
 * times passes, and for at most 5 s (a scheduler that starts or stops meanwhile shows up within that).
 */
export function cachedNextRuns(runs: RunControl, now: () => Date): () => NextRuns {
  let cached: NextRuns | undefined;
  let validUntil = 0;
  return () => {
    const at = now().getTime();
    if (cached === undefined || at >= validUntil) {
      cached = runs.nextRuns();
      const times = Object.values(cached).flatMap((t) => (t === null ? [] : [Date.parse(t)]));
      validUntil = Math.min(at + NEXT_RUNS_MAX_AGE_MS, ...times);
    }
    return cached;
  };
}

export function buildStatus(ctx: ApiContext): z.infer<typeof StatusSchema> {
  const nextRuns = ctx.nextRuns();
  const now = ctx.now();
  const state = ctx.deps.state();
  const bySource = new Map<string, StreamStatus[]>();
  for (const s of Object.values(state.streams))
    bySource.set(s.source, [...(bySource.get(s.source) ?? []), s]);
  const views = (id: string): StreamView[] =>
    (bySource.get(id) ?? [])
      .sort((a, b) => a.stream.localeCompare(b.stream))
      .map((s) => streamView(s, now, ctx.scrub));

  const sources: SourceView[] = ctx.deps.config.sources.map((source) => ({
    id: source.id,
    type: source.type,
    enabled: source.enabled,
    configured: true,
    schedule: source.schedule,
    url: typeof source.url === 'string' ? redactUrl(source.url) : null,
    nextRunAt: nextRuns[source.id] ?? null,
    streams: views(source.id),
  }));
  const configured = new Set(sources.map((s) => s.id));
  for (const id of [...bySource.keys()].filter((k) => !configured.has(k)).sort())
    sources.push({
      id,
      type: null,
      enabled: false,
      configured: false,
      schedule: null,
      url: null,
      nextRunAt: null,
      streams: views(id),
    });

  const assessment = state.lastAssessment;
  return {
    generatedAt: now.toISOString(),
    currentRun: ctx.deps.runs.current(),
    sources,
    lastAssessment:
      assessment === null ? null : { at: assessment.at, pack: assessment.pack, totals: assessment.totals },
  };
}

export function registerStatusRoutes(app: ZodApp, ctx: ApiContext): void {
  app.get(
    '/api/v1/status',
    {
      schema: {
        tags: ['status'],
        summary: 'Per source and stream: last run, duration, records, cursor age, last error, next run',
        response: { 200: StatusSchema },
      },
    },
    () => buildStatus(ctx),
  );
}
