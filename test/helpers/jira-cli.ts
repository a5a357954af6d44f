// Writes the YAML a user would write for one Jira source "sim" against the simulator, secrets left as
// ${JIRA_EMAIL} / ${JIRA_API_TOKEN} references.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface JiraCliSourceOptions {
  url: string;
  /** Issue streams read (incident, request, problem, change, release, review) and 'sla'. */
  streams: string[];
  projects?: string[];
  assets?: boolean;
  /** Extra YAML lines under the source (indented by the caller's own two spaces). */
  extra?: string[];
  pageSize?: number;
}

const ALL = ['incident', 'request', 'problem', 'change', 'release', 'review', 'sla'];

export async function writeJiraCliConfig(
  dir: string,
  dataDir: string,
  source: JiraCliSourceOptions,
): Promise<string> {
  const yaml = [
    `dataDir: ${JSON.stringify(dataDir)}`,
    'log:',
    '  level: debug',
    'sources:',
    '  - id: sim',
    '    type: jira',
    `    url: ${source.url}`,
    '    auth:',
    '      type: basic',
    '      email: ${JIRA_EMAIL}',
    '      apiToken: ${JIRA_API_TOKEN}',
    `    projects: [${(source.projects ?? ['ITSM']).join(', ')}]`,
    `    pageSize: ${source.pageSize ?? 100}`,
    '    sweepIntervalHours: 0',
    '    http: { retries: 2, timeoutMs: 10000, backoffMs: 10, maxBackoffMs: 100 }',
    `    assets: { enabled: ${source.assets === true}, apiUrl: ${source.url} }`,
    ...(source.extra ?? []).map((line) => `    ${line}`),
    '    streams:',
    ...ALL.map((name) => `      ${name}: { enabled: ${source.streams.includes(name)} }`),
    '',
  ].join('\n');
  const file = path.join(dir, 'iso20k.yaml');
  await writeFile(file, yaml);
  return file;
}
