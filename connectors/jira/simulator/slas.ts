// JSM SLA information of an issue, derived from the issue itself (created, priority, status, resolution),
// so it is always consistent with the issue and costs no storage: "Time to first response" and "Time to
// resolution", each a completed cycle once met or stopped, else an ongoing one (paused while waiting).
import { jiraTimestamp } from '../time-zone.js';
import type { SimIssue } from './model.js';
import { hashSeed } from './random.js';

const HOUR = 3_600_000;
const RESOLUTION_GOAL_H: Record<string, number> = { Highest: 4, High: 8, Medium: 24, Low: 48, Lowest: 72 };

function when(ms: number) {
  return {
    epochMillis: ms,
    friendly: new Date(ms).toUTCString(),
    iso8601: new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+0000'),
    jira: jiraTimestamp(ms),
  };
}

function span(ms: number) {
  const hours = Math.trunc(ms / HOUR);
  const minutes = Math.trunc((ms % HOUR) / 60_000);
  return { millis: ms, friendly: `${hours}h ${Math.abs(minutes)}m` };
}

export interface SlaMetric {
  id: string;
  name: string;
  goalMs: number;
  start: number;
  /** When the cycle stopped, or null while it runs. */
  stop: number | null;
  paused: boolean;
}

/** Whether JSM computes SLAs for this issue at all. */
export function hasSlas(issue: SimIssue): boolean {
  return (
    issue.project.type === 'service_desk' &&
    (issue.issueType === 'Incident' || issue.issueType === 'Service Request')
  );
}

export function slaMetrics(issue: SimIssue): SlaMetric[] {
  if (!hasSlas(issue)) return [];
  const jitter = hashSeed(issue.id, 'sla') / 4294967296;
  const responseGoal = issue.priority === 'Highest' ? HOUR : 4 * HOUR;
  const firstResponse = issue.created + Math.floor(jitter * 2 * responseGoal);
  const responded = Math.min(firstResponse, issue.updated);
  const paused = issue.status.name === 'Waiting for customer' || issue.status.name === 'Pending';
  return [
    {
      id: '1',
      name: 'Time to first response',
      goalMs: responseGoal,
      start: issue.created,
      stop: responded,
      paused: false,
    },
    {
      id: '2',
      name: 'Time to resolution',
      goalMs: (RESOLUTION_GOAL_H[issue.priority ?? 'Medium'] ?? 24) * HOUR,
      start: issue.created,
      stop: issue.resolutiondate,
      paused,
    },
  ];
}

export function slaInformation(issue: SimIssue, metric: SlaMetric, now: number, base: string) {
  const end = metric.stop ?? now;
  const elapsed = Math.max(0, end - metric.start);
  const breachTime = metric.start + metric.goalMs;
  const cycle = {
    startTime: when(metric.start),
    breachTime: when(breachTime),
    breached: elapsed > metric.goalMs,
    goalDuration: span(metric.goalMs),
    elapsedTime: span(elapsed),
    remainingTime: span(metric.goalMs - elapsed),
  };
  return {
    id: metric.id,
    name: metric.name,
    _links: { self: `${base}/rest/servicedeskapi/request/${issue.id}/sla/${metric.id}` },
    completedCycles: metric.stop === null ? [] : [{ ...cycle, stopTime: when(metric.stop) }],
    ...(metric.stop === null
      ? { ongoingCycle: { ...cycle, paused: metric.paused, withinCalendarHours: true } }
      : {}),
    slaDisplayFormat: 'NEW_SLA_FORMAT',
  };
}
