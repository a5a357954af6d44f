// Test helpers: poll the Jira simulator in-process through the real source, pipeline, state and cache,
// and compare the cache with the simulator's issues.
import { JiraSourceConfigSchema } from '../../connectors/jira/config.js';
import type { JiraSimulator, SimIssue } from '../../connectors/jira/simulator/index.js';
import { createJiraSource } from '../../connectors/jira/source.js';
import type { SourceOutcome } from '../../src/pipeline/poll.js';
import { pollSources } from '../../src/pipeline/poll.js';
import { createRecordCache } from '../../src/state/record-cache.js';
import { openStateStore } from '../../src/state/state-store.js';
import { silentLog } from './servicenow-sync.js';

export { tempDir, diffVersions, silentLog } from './servicenow-sync.js';

export const JIRA_STREAMS = ['incident', 'request', 'problem', 'change', 'release', 'review', 'sla'] as const;

/** A source config for the simulator reading only the named streams (Assets when `assets` is listed). */
export function jiraSourceConfig(
  url: string,
  streams: readonly string[],
  overrides: Record<string, unknown> = {},
) {
  const issueStreams = Object.fromEntries(
    JIRA_STREAMS.map((name) => [name, { enabled: streams.includes(name) }]),
  );
  return JiraSourceConfigSchema.parse({
    id: 'sim',
    type: 'jira',
    url,
    auth: { type: 'basic', email: 'bot@example.com', apiToken: 'token' },
    projects: ['ITSM', 'REL', 'GOV'],
    overlapMinutes: 2,
    sweepIntervalHours: 0,
    http: { backoffMs: 5, maxBackoffMs: 50, retries: 8, timeoutMs: 10_000 },
    assets: { enabled: streams.includes('assets'), apiUrl: url },
    streams: issueStreams,
    ...overrides,
  });
}

export async function syncJira(
  config: ReturnType<typeof jiraSourceConfig>,
  dataDir: string,
): Promise<SourceOutcome> {
  const state = await openStateStore({ dataDir });
  const source = createJiraSource(config, { log: silentLog });
  try {
    const [outcome] = await pollSources([source], {
      cache: createRecordCache({ dir: dataDir }),
      state,
      log: silentLog,
      signal: new AbortController().signal,
    });
    return outcome!;
  } finally {
    await source.close?.();
    await state.close();
  }
}

/** id -> updatedAt of a cached stream, with its cursor. */
export async function cachedJira(dataDir: string, stream: string, kind = stream) {
  const cache = createRecordCache({ dir: dataDir });
  const opened = await cache.open({ source: 'sim', stream, kind: kind as never });
  const records = [...opened.records.values()];
  const versions = new Map(records.map((r) => [r.id, r.updatedAt]));
  const cursor = opened.cursor;
  await opened.close();
  return { versions, records, cursor };
}

/** id -> updatedAt (ISO) of the simulator's issues of one issue type. */
export function simVersions(sim: JiraSimulator, issueType: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const issue of sim.store.all()) {
    if (issue.issueType === issueType) out.set(String(issue.id), new Date(issue.updated).toISOString());
  }
  return out;
}

export function issuesOfType(sim: JiraSimulator, issueType: string): SimIssue[] {
  return [...sim.store.all()].filter((i) => i.issueType === issueType);
}

/** The same source config against a Data Center site: offset search, a personal access token. */
export function jiraDataCenterConfig(
  url: string,
  streams: readonly string[],
  overrides: Record<string, unknown> = {},
) {
  return jiraSourceConfig(url, streams, {
    deployment: 'datacenter',
    auth: { type: 'pat', token: 'pat-token' },
    ...overrides,
  });
}
