// The work behind `once` and `demo`: lock the data directory, poll every source, record the run, print
// one table of streams and one line per failure. Returns the exit code.
import path from 'node:path';
import { pino } from 'pino';
import type { AppError } from '../contracts/index.js';
import { EXIT } from '../contracts/index.js';
import { collectSecrets, createSinks, createSources } from '../app.js';
import { runTickets, type TicketRun } from '../pipeline/tickets.js';
import { renderTicketRun } from './render-tickets.js';
import { createLogger } from '../lib/log.js';
import type { SourceOutcome, StreamOutcome } from '../pipeline/poll.js';
import { pollSources } from '../pipeline/poll.js';
import type { AppConfig } from '../settings/schema.js';
import { acquireDataDirLock } from '../state/data-dir-lock.js';
import { createRecordCache } from '../state/record-cache.js';
import { keepOpen } from '../state/keep-open.js';
import type { Assessment } from '../pipeline/assess.js';
import { assess } from '../pipeline/assess.js';
import { renderAssessment } from './render-assessment.js';
import { packDirOf } from './pack-location.js';
import { openStateStore } from '../state/state-store.js';
import type { CliContext } from './context.js';
import { createProgressLine } from './progress.js';
import { formatDuration, renderTable } from './render-table.js';

export interface PollCommandOptions {
  trigger: 'cli' | 'demo';
  signal: AbortSignal;
  now?: () => number;
}

export async function runPollCommand(
  config: AppConfig,
  ctx: CliContext,
  options: PollCommandOptions,
): Promise<{ exitCode: number; outcomes: SourceOutcome[]; assessment: Assessment; tickets?: TicketRun }> {
  const dataDir = path.resolve(config.dataDir);
  const lock = await acquireDataDirLock(dataDir);
  const log = createLogger({
    level: config.log.level,
    // The terminal gets the tables and one line per failure; the full JSON log goes to the data directory.
    destination: pino.destination({ dest: path.join(dataDir, 'iso20k.log'), mkdir: true, sync: true }),
    secrets: collectSecrets([config.sources, config.tickets.sinks]),
  });
  const state = await openStateStore({ dataDir });
  const deps = { log, ...(options.now === undefined ? {} : { now: options.now }) };
  const sources = createSources(config, deps);
  const sinks = createSinks(config, deps);
  const progress = createProgressLine((text) => process.stderr.write(text), ctx.isTTY);
  // Polling and assessing share the loaded stream caches instead of reading them from disk twice.
  const cache = keepOpen(createRecordCache({ dir: dataDir, log }));
  try {
    const run = await state.startRun(options.trigger);
    const outcomes = await pollSources(sources, {
      cache,
      state,
      log,
      signal: options.signal,
      onProgress: (p) => progress.update(p),
      ...(options.now === undefined ? {} : { now: options.now }),
    });
    progress.done();
    const streams = outcomes.flatMap((o) => o.streams);
    const failed =
      outcomes.some((o) => o.checkError !== undefined) || streams.some((s) => s.status === 'failed');
    await state.finishRun(run.id, {
      status: options.signal.aborted ? 'aborted' : failed ? 'failed' : 'ok',
      streams: streams.map((s) => ({
        source: s.source,
        stream: s.stream,
        status: s.status,
        fetched: s.fetched,
        ...(s.error === undefined ? {} : { error: `${s.error.code}: ${s.error.message}` }),
      })),
    });
    if (streams.length > 0) ctx.out(renderStreamTable(streams));
    for (const line of failureLines(outcomes)) ctx.err(line);
    const assessment = await assess({
      cache,
      state,
      packDir: packDirOf(config),
      mappings: config.mappings,
      log,
      now: new Date(options.now?.() ?? Date.now()),
    });
    ctx.out(`\n${renderAssessment(assessment)}`);
    let exitCode = exitCodeOf(outcomes);
    let tickets: TicketRun | undefined;
    if (sinks.length > 0) {
      const now = () => new Date(options.now?.() ?? Date.now());
      tickets = await runTickets({
        assessment,
        state,
        sinks,
        config: config.tickets,
        now,
        log,
        dryRun: false,
        signal: options.signal,
      });
      ctx.out(`\n${renderTicketRun(tickets, config.tickets)}`);
      for (const failure of tickets.outcome?.failed ?? []) {
        ctx.err(
          `ticket ${failure.action.type} ${failure.action.ticketId} in ${failure.action.route.sink}: ${failure.message} [${failure.code}]`,
        );
      }
      if (exitCode === EXIT.ok && (tickets.outcome?.failed.length ?? 0) > 0) exitCode = EXIT.runFailed;
    }
    return { exitCode, outcomes, assessment, ...(tickets === undefined ? {} : { tickets }) };
  } finally {
    await cache.closeAll();
    progress.done();
    await Promise.all([...sources, ...sinks].map((s) => s.close?.() ?? Promise.resolve()));
    await state.close();
    await lock.release();
  }
}

export function renderStreamTable(streams: readonly StreamOutcome[]): string {
  return renderTable(streams, [
    { header: 'source', value: (s) => s.source, align: 'left' },
    { header: 'stream', value: (s) => s.stream, align: 'left' },
    { header: 'status', value: (s) => s.status, align: 'left' },
    { header: 'fetched', value: (s) => s.fetched },
    { header: 'new', value: (s) => s.created },
    { header: 'updated', value: (s) => s.updated },
    { header: 'deleted', value: (s) => s.deleted },
    { header: 'records', value: (s) => s.records },
    { header: 'duration', value: (s) => formatDuration(s.durationMs), align: 'right' },
    { header: 'cursor', value: (s) => describeCursor(s.cursor), align: 'left' },
  ]);
}

function describeCursor(cursor: StreamOutcome['cursor']): string {
  if (cursor === null) return '-';
  const updatedOn = cursor['updatedOn'];
  return typeof updatedOn === 'string' ? `${updatedOn} UTC` : JSON.stringify(cursor);
}

function failureLines(outcomes: readonly SourceOutcome[]): string[] {
  const lines: string[] = [];
  const line = (where: string, error: AppError) =>
    `${where}: ${error.message} [${error.code}] fix: ${error.fix}`;
  for (const outcome of outcomes) {
    if (outcome.checkError !== undefined) lines.push(line(outcome.source, outcome.checkError));
    for (const stream of outcome.streams) {
      if (stream.error !== undefined) lines.push(line(`${stream.source}/${stream.stream}`, stream.error));
    }
  }
  return lines;
}

function exitCodeOf(outcomes: readonly SourceOutcome[]): number {
  const errors = outcomes
    .flatMap((o) => [o.checkError, ...o.streams.map((s) => s.error)])
    .filter((e) => e !== undefined);
  if (errors.length === 0) return EXIT.ok;
  return errors.some((e) => e.exitCode === EXIT.unreachable) ? EXIT.unreachable : EXIT.runFailed;
}
