// What the status-API benchmarks share: the service under test (the real `iso20k run` in its own
// process, configured for one ServiceNow source), its config, and the load generator's result.
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { REPO } from './bench-kit.js';

export interface ClientResult {
  windowStartMs: number;
  windowEndMs: number;
  scheduled: number;
  answered: number;
  timeouts: number;
  statuses: Record<string, number>;
  errors: number;
  achievedRate: number;
  maxSendLagMs: number;
  p50: number;
  p90: number;
  p99: number;
  p999: number;
  max: number;
  worstPerSecond: number[];
}

export const TOKEN = 'bench-token-5b1d0c7e9f2a4c68';

export async function cacheBytes(dataDir: string): Promise<number> {
  const dir = path.join(dataDir, 'cache');
  const names = await readdir(dir, { recursive: true }).catch(() => [] as string[]);
  let total = 0;
  for (const name of names) {
    const info = await stat(path.join(dir, name)).catch(() => undefined);
    if (info?.isFile() === true) total += info.size;
  }
  return total;
}

export function configYaml(simUrl: string, dataDir: string, rateLimitPerMinute: number): string {
  return [
    `dataDir: ${JSON.stringify(dataDir)}`,
    'log:',
    '  level: warn',
    'api:',
    '  host: 127.0.0.1',
    '  port: 0',
    `  token: ${TOKEN}`,
    // One client address sends the whole load: the per-address limit (600 a minute) would answer 429.
    `  rateLimitPerMinute: ${rateLimitPerMinute}`,
    'scheduler:',
    '  jitterSeconds: 0',
    '  debounceSeconds: 0',
    'sources:',
    '  - id: bench',
    '    type: servicenow',
    `    url: ${simUrl}`,
    "    schedule: '0 0 1 1 *'",
    '    auth: { type: basic, username: admin, password: admin }',
    '    pageSize: 1000',
    '    safetyLagSeconds: 0',
    '    streams:',
    ...['request', 'problem', 'change', 'sla', 'agreement', 'service', 'ci', 'ci_relation', 'knowledge'].map(
      (s) => `      ${s}: { enabled: false }`,
    ),
    '',
  ].join('\n');
}

export async function startService(configFile: string): Promise<{ url: string; child: ChildProcess }> {
  // For profiling the service alone, e.g. API_LOAD_SERVICE_FLAGS='--cpu-prof --cpu-prof-dir=/tmp/prof'.
  const flags = (process.env['API_LOAD_SERVICE_FLAGS'] ?? '').split(' ').filter((f) => f !== '');
  const args = [...flags, '--import', 'tsx', 'src/cli/main.ts', 'run', '--config', configFile];
  const child = spawn(process.execPath, args, { cwd: REPO, stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`iso20k run exited with ${code}`)));
    // With API_LOAD_SERVICE_STDOUT=FILE the service's output (e.g. --trace-gc) is kept there.
    const keep = process.env['API_LOAD_SERVICE_STDOUT'];
    lines.on('line', (line) => {
      if (keep !== undefined) appendFileSync(keep, `${line}\n`);
      const found = /status API at (http:\/\/\S+)/.exec(line)?.[1];
      if (found !== undefined) resolve(found);
    });
  });
  return { url, child };
}

export async function getJson<T>(url: string, init: RequestInit = {}): Promise<{ status: number; body: T }> {
  const res = await fetch(url, init);
  return { status: res.status, body: (await res.json()) as T };
}
