// The service's metrics: fed from a run's outcomes and the state it left, in a registry of its own.
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/contracts/index.js';
import type { Finding } from '../../src/contracts/findings.js';
import { cursorLagSeconds } from '../../src/metrics/cursor-lag.js';
import { observeHttpRetry, observeRun, observeState } from '../../src/metrics/observe-run.js';
import type { ObservedRun } from '../../src/metrics/observe-run.js';
import { createServiceMetrics } from '../../src/metrics/service-metrics.js';
import type { CycleResult } from '../../src/pipeline/run.js';
import type { StreamOutcome } from '../../src/pipeline/poll.js';
import { emptyState } from '../../src/state/state-schema.js';
import type { StateData, StreamStatus } from '../../src/state/state-schema.js';

const NOW = new Date('2026-11-22T09:00:00.000Z');

function stream(name: string, patch: Partial<StreamOutcome> = {}): StreamOutcome {
  return {
    source: 'snow',
    stream: name,
    kind: name,
    status: 'ok',
    fetched: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    deleted: 0,
    records: 0,
    durationMs: 1500,
    cursor: null,
    swept: false,
    ...patch,
  };
}

function finding(fingerprint: string, patch: Partial<Finding>): Finding {
  return {
    fingerprint,
    pack: 'iso20000-1-2018',
    control: 'IN1',
    subject: 'INC1',
    clauses: ['8.6.1'],
    severity: 'minor',
    status: 'open',
    reason: 'r',
    firstSeen: NOW.toISOString(),
    lastSeen: NOW.toISOString(),
    history: [],
    ...patch,
  };
}

function streamStatus(name: string, cursor: StreamStatus['cursor']): StreamStatus {
  return {
    source: 'snow',
    stream: name,
    kind: 'incident',
    lastRunAt: null,
    lastSuccessAt: null,
    durationMs: null,
    fetched: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    deleted: 0,
    records: 0,
    cursor,
    lastSweepAt: null,
    lastError: null,
  };
}

async function value(
  metrics: ReturnType<typeof createServiceMetrics>,
  name: string,
  labels: Record<string, string> = {},
): Promise<number | undefined> {
  const metric = metrics.registry.getSingleMetric(name);
  const data = await metric?.get();
  return data?.values.find((v) => Object.entries(labels).every(([k, l]) => v.labels[k] === l))?.value;
}

describe('service metrics', () => {
  it('counts polls, records, errors by status and 429s, ticket actions and failed runs', async () => {
    const metrics = createServiceMetrics({ processMetrics: false });
    const rateLimited = new AppError('SOURCE_RATE_LIMITED', 'slow down', { details: { status: 429 } });
    const serverError = new AppError('SOURCE_SERVER_ERROR', 'down', { details: { status: 503 } });
    const result: CycleResult = {
      runId: 'r1',
      status: 'failed',
      durationMs: 2000,
      outcomes: [
        {
          source: 'snow',
          streams: [
            stream('incident', { fetched: 500 }),
            stream('problem', { status: 'failed', fetched: 20, error: rateLimited }),
          ],
        },
        { source: 'jira', checkError: serverError, streams: [] },
      ],
      tickets: {
        plan: {} as never,
        recovered: 0,
        unmatched: 0,
        outcome: {
          applied: { created: 3, updated: 1, resolved: 2, reopened: 0, unchanged: 7 },
          createdBySink: {},
          pending: 0,
          failed: [],
        },
      },
    };
    observeRun(metrics, 'schedule', result, emptyState(), NOW);
    expect(await value(metrics, 'iso20k_records_fetched_total', { stream: 'incident' })).toBe(500);
    expect(await value(metrics, 'iso20k_records_fetched_total', { stream: 'problem' })).toBe(20);
    const text = await metrics.render();
    expect(text).toMatch(
      /^iso20k_poll_duration_seconds_bucket\{le="1",source="snow",stream="incident"\} 0$/m,
    );
    expect(text).toMatch(
      /^iso20k_poll_duration_seconds_bucket\{le="2.5",source="snow",stream="incident"\} 1$/m,
    );
    expect(await value(metrics, 'iso20k_http_errors_total', { source: 'snow', status: '429' })).toBe(1);
    expect(await value(metrics, 'iso20k_http_errors_total', { source: 'jira', status: '503' })).toBe(1);
    expect(await value(metrics, 'iso20k_http_429_total', { source: 'snow' })).toBe(1);
    expect(await value(metrics, 'iso20k_stream_errors_total', { code: 'SOURCE_SERVER_ERROR' })).toBe(1);
    expect(await value(metrics, 'iso20k_ticket_actions_total', { action: 'created' })).toBe(3);
    expect(await value(metrics, 'iso20k_ticket_actions_total', { action: 'resolved' })).toBe(2);
    expect(await value(metrics, 'iso20k_runs_failed_total')).toBe(1);
    expect(await value(metrics, 'iso20k_runs_total', { trigger: 'schedule', status: 'failed' })).toBe(1);
  });

  it('counts each retried attempt by status: a 429 in both counters, a 503 as an HTTP error, a reset in neither', async () => {
    const metrics = createServiceMetrics({ processMetrics: false });
    observeHttpRetry(metrics, { connector: 'snow', status: 429, reason: 'HTTP 429' });
    expect(await value(metrics, 'iso20k_http_errors_total', { source: 'snow', status: '429' })).toBe(1);
    expect(await value(metrics, 'iso20k_http_429_total', { source: 'snow' })).toBe(1);

    observeHttpRetry(metrics, { connector: 'snow', status: 503, reason: 'HTTP 503' });
    expect(await value(metrics, 'iso20k_http_errors_total', { source: 'snow', status: '503' })).toBe(1);
    expect(await value(metrics, 'iso20k_http_429_total', { source: 'snow' })).toBe(1);

    const before = await metrics.render();
    observeHttpRetry(metrics, { connector: 'snow', reason: 'ECONNRESET' });
    observeHttpRetry(metrics, { connector: 'jira', reason: 'ETIMEDOUT' });
    expect(await metrics.render()).toBe(before);
    expect(await value(metrics, 'iso20k_http_errors_total', { source: 'jira' })).toBeUndefined();
    expect(await value(metrics, 'iso20k_http_429_total', { source: 'jira' })).toBeUndefined();
  });

  it('sums the retried attempts with the error the poll finally failed with', async () => {
    const metrics = createServiceMetrics({ processMetrics: false });
    // Two 429s and a 503 retried, then a fourth answer, 429, fails the stream (gave up after 4 attempts).
    for (const status of [429, 503, 429])
      observeHttpRetry(metrics, { connector: 'snow', status, reason: `HTTP ${status}` });
    const final = new AppError('SOURCE_RATE_LIMITED', 'slow down', { details: { status: 429, attempts: 4 } });
    const result: CycleResult = {
      runId: 'r2',
      status: 'failed',
      durationMs: 10,
      outcomes: [{ source: 'snow', streams: [stream('incident', { status: 'failed', error: final })] }],
    };
    observeRun(metrics, 'api', result, emptyState(), NOW);
    expect(await value(metrics, 'iso20k_http_errors_total', { source: 'snow', status: '429' })).toBe(3);
    expect(await value(metrics, 'iso20k_http_errors_total', { source: 'snow', status: '503' })).toBe(1);
    expect(await value(metrics, 'iso20k_http_429_total', { source: 'snow' })).toBe(3);
    expect(await value(metrics, 'iso20k_stream_errors_total', { code: 'SOURCE_RATE_LIMITED' })).toBe(1);
  });

  it('reads a run result whose errors are plain objects, as a worker thread posts them', async () => {
    const metrics = createServiceMetrics({ processMetrics: false });
    // structuredClone keeps only an Error's message and stack, so a worker posts { code, details } instead.
    const result: ObservedRun = structuredClone({
      status: 'failed',
      outcomes: [
        {
          source: 'jira',
          checkError: { code: 'SOURCE_SERVER_ERROR', message: 'down', details: { status: 502 } },
          streams: [],
        },
      ],
    });
    observeRun(metrics, 'schedule', result, emptyState(), NOW);
    expect(await value(metrics, 'iso20k_http_errors_total', { source: 'jira', status: '502' })).toBe(1);
    expect(await value(metrics, 'iso20k_stream_errors_total', { code: 'SOURCE_SERVER_ERROR' })).toBe(1);
    expect(await value(metrics, 'iso20k_runs_failed_total')).toBe(1);
  });

  it('sets open findings per clause and severity from state, dropping clauses that closed', async () => {
    const metrics = createServiceMetrics({ processMetrics: false });
    const state: StateData = {
      ...emptyState(),
      findings: {
        a: finding('a', { clauses: ['8.6.1', '8.6.2'], severity: 'major' }),
        b: finding('b', { clauses: ['8.6.1'], severity: 'major' }),
        c: finding('c', { clauses: ['8.5.1'], status: 'resolved' }),
      },
    };
    observeState(metrics, state, NOW);
    expect(await value(metrics, 'iso20k_open_findings', { clause: '8.6.1', severity: 'major' })).toBe(2);
    expect(await value(metrics, 'iso20k_open_findings', { clause: '8.6.2', severity: 'major' })).toBe(1);
    expect(await value(metrics, 'iso20k_open_findings', { clause: '8.5.1' })).toBeUndefined();
    observeState(metrics, { ...state, findings: {} }, NOW);
    expect(await value(metrics, 'iso20k_open_findings', { clause: '8.6.1' })).toBeUndefined();
  });

  it('reports cursor lag from UTC cursor timestamps without a zone', async () => {
    expect(cursorLagSeconds({ updatedOn: '2026-11-22 08:59:00' }, NOW)).toBe(60);
    expect(cursorLagSeconds({ updatedOn: '2026-11-22 08:58:59.500' }, NOW)).toBe(60.5);
    expect(cursorLagSeconds({ updatedOn: '2026-11-22T08:59:30Z' }, NOW)).toBe(30);
    expect(cursorLagSeconds(null, NOW)).toBeUndefined();
    expect(cursorLagSeconds({ offset: 3 }, NOW)).toBeUndefined();
    const metrics = createServiceMetrics({ processMetrics: false });
    const state: StateData = {
      ...emptyState(),
      streams: { 'snow/incident': streamStatus('incident', { updatedOn: '2026-11-22 08:50:00' }) },
    };
    observeState(metrics, state, NOW);
    expect(await value(metrics, 'iso20k_cursor_lag_seconds', { stream: 'incident' })).toBe(600);
  });

  it('keeps each service in its own registry and renders the exposition format', async () => {
    const one = createServiceMetrics();
    const two = createServiceMetrics();
    one.runs.inc({ trigger: 'api', status: 'ok' });
    expect(one.contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(await one.render()).toMatch(/^iso20k_runs_total\{trigger="api",status="ok"\} 1$/m);
    expect(await two.render()).not.toMatch(/^iso20k_runs_total\{/m);
    expect(await two.render()).toMatch(/^iso20k_process_resident_memory_bytes /m);
  });
});
