// Maps JSM SlaInformation (GET /rest/servicedeskapi/request/{key}/sla) of one issue to canonical `sla`
// records: one per SLA metric, summing its completed cycles and the ongoing one.
import type { SlaRecord } from '../../src/contracts/index.js';
import { obj, str, type Json } from './issue-values.js';

export interface SlaIssueRef {
  id: string;
  key: string;
  updatedAt: string;
  createdAt: string | null;
}

const epoch = (v: unknown): number | null => {
  const ms = obj(v)?.['epochMillis'];
  return typeof ms === 'number' && Number.isFinite(ms) ? ms : null;
};
const millis = (v: unknown): number | null => {
  const ms = obj(v)?.['millis'];
  return typeof ms === 'number' && Number.isFinite(ms) ? ms : null;
};
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function mapSla(
  info: Json,
  issue: SlaIssueRef,
  source: string,
  siteUrl: string,
): SlaRecord | undefined {
  const metricId = str(info['id']);
  if (metricId === null) return undefined;
  const completed = (Array.isArray(info['completedCycles']) ? info['completedCycles'] : [])
    .map(obj)
    .filter((c) => c !== undefined);
  const ongoing = obj(info['ongoingCycle']);
  const cycles = ongoing === undefined ? completed : [...completed, ongoing];
  const first = cycles[0];
  const lastDone = completed.at(-1);
  const goal = millis((ongoing ?? lastDone)?.['goalDuration']);
  let elapsed: number | null = null;
  for (const c of cycles) {
    const e = millis(c['elapsedTime']);
    if (e !== null) elapsed = (elapsed ?? 0) + Math.max(0, e);
  }
  const breached = cycles.length === 0 ? null : cycles.some((c) => c['breached'] === true);
  const stage: SlaRecord['stage'] =
    ongoing !== undefined
      ? ongoing['paused'] === true
        ? 'paused'
        : 'in_progress'
      : lastDone === undefined
        ? 'other'
        : lastDone['breached'] === true
          ? 'breached'
          : 'achieved';
  return {
    kind: 'sla',
    source,
    id: `${issue.id}:${metricId}`,
    key: `${issue.key}/${str(info['name']) ?? metricId}`,
    url: `${siteUrl}/browse/${issue.key}`,
    createdAt: iso(epoch(first?.['startTime'])) ?? issue.createdAt,
    updatedAt: issue.updatedAt,
    stateRaw: ongoing === undefined ? 'completed' : ongoing['paused'] === true ? 'paused' : 'ongoing',
    taskId: issue.id,
    taskKey: issue.key,
    agreementId: metricId,
    name: str(info['name']),
    stage,
    breached,
    active: ongoing !== undefined,
    startAt: iso(epoch(first?.['startTime'])),
    endAt: ongoing === undefined ? iso(epoch(lastDone?.['stopTime'])) : null,
    breachAt: iso(epoch((ongoing ?? lastDone)?.['breachTime'])),
    goalMs: goal === null ? null : Math.max(0, goal),
    elapsedMs: elapsed,
    pausedMs: null,
    elapsedPercent:
      goal !== null && goal > 0 && elapsed !== null ? Math.round((elapsed / goal) * 10_000) / 100 : null,
    serviceId: null,
  };
}
