// Test helpers for end-to-end tests: spawn the real `iso20k` CLI as a user runs it (node --import tsx,
// from the repository root) and write the YAML configuration a user would write.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { SERVICENOW_STREAMS } from '../../connectors/servicenow/config.js';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface CliRun {
  /** Exit code, or null when the process was killed by a signal. */
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  durationMs: number;
}

export interface RunningCli {
  readonly child: ChildProcessWithoutNullStreams;
  /** Settles when the process has exited and its output is drained. */
  readonly done: Promise<CliRun>;
  /** What it printed so far (for a diagnostic when a test gives up on it). */
  output(): string;
}

/** The test's environment minus what would change the CLI's behaviour behind the test's back. */
export function cliEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  delete env['ISO20K_CONFIG'];
  // A colour-forcing CI setting must not reach the assertions on the output's exact text.
  delete env['FORCE_COLOR'];
  return env;
}

/** Starts `iso20k <args>`; the caller may kill it. */
export function startCli(args: readonly string[], env: NodeJS.ProcessEnv = cliEnv()): RunningCli {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { cwd: ROOT, env });
  let stdout = '';
  let stderr = '';
  // Decoded as a stream, so a character split across two chunks is not mangled.
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const done = new Promise<CliRun>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) =>
      resolve({ code, signal, stdout, stderr, durationMs: performance.now() - started }),
    );
  });
  return { child, done, output: () => `stdout: ${stdout}\nstderr: ${stderr}` };
}

/** Runs `iso20k <args>` to the end. */
export function runCli(args: readonly string[], env?: NodeJS.ProcessEnv): Promise<CliRun> {
  return startCli(args, env).done;
}

/** The lines of a stream of output, without the empty one after the last newline. */
export function lines(text: string): string[] {
  return text.split('\n').filter((line) => line !== '');
}

/** A stack trace line as Node prints it; the CLI must never show one. */
export const STACK_LINE = /^ {4}at /m;

export interface CliSourceOptions {
  url: string;
  /** YAML lines of the auth block, e.g. ['type: basic', 'username: ${SN_USERNAME}']. */
  auth?: string[];
  /** Streams read; every other stream is disabled so a run stays short. */
  streams: string[];
  pageSize?: number;
  http?: { retries?: number; timeoutMs?: number; backoffMs?: number; maxBackoffMs?: number };
}

/** Every stream but review, which has no default table. */
const ALL_STREAMS = SERVICENOW_STREAMS.filter((name) => name !== 'review');

/**
 * Writes `<dir>/iso20k.yaml` for one ServiceNow source "sim" (the id servicenow-sync.ts's cachedVersions
 * reads) with the secrets left as ${SN_USERNAME} and
 * ${SN_PASSWORD} references, the way the README tells users to write it. Returns the file's path.
 */
export async function writeCliConfig(
  dir: string,
  dataDir: string,
  source: CliSourceOptions,
): Promise<string> {
  const auth = source.auth ?? ['type: basic', 'username: ${SN_USERNAME}', 'password: ${SN_PASSWORD}'];
  const http = { retries: 2, timeoutMs: 10_000, backoffMs: 10, maxBackoffMs: 100, ...source.http };
  const yaml = [
    `dataDir: ${JSON.stringify(dataDir)}`,
    'log:',
    '  level: debug',
    'sources:',
    '  - id: sim',
    '    type: servicenow',
    `    url: ${source.url}`,
    '    auth:',
    ...auth.map((line) => `      ${line}`),
    `    pageSize: ${source.pageSize ?? 200}`,
    // No lag and a sweep at every poll: a test changes the table and expects the next run to see all of it.
    '    safetyLagSeconds: 0',
    '    sweepIntervalHours: 0',
    '    http:',
    ...Object.entries(http).map(([key, value]) => `      ${key}: ${value}`),
    '    streams:',
    ...ALL_STREAMS.map((name) => `      ${name}: { enabled: ${source.streams.includes(name)} }`),
    '',
  ].join('\n');
  const file = path.join(dir, 'iso20k.yaml');
  await writeFile(file, yaml);
  return file;
}

/** A 127.0.0.1 port nothing listens on: bound, noted and released (nothing else grabs it this quickly). */
export function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** One row of the `once` table: the eight leading columns (duration and cursor hold spaces; not parsed). */
export interface StreamRow {
  source: string;
  stream: string;
  status: string;
  fetched: number;
  new: number;
  updated: number;
  deleted: number;
  records: number;
}

export const TABLE_HEADER =
  /^source +stream +status +fetched +new +updated +deleted +records +duration +cursor$/;

/** The rows of the stream table `once` prints on stdout, by stream name. */
export function streamRows(stdout: string): Map<string, StreamRow> {
  // The stream table ends at the first blank line; the clause table follows it.
  const [header, ...rows] = stdout
    .split('\n\n')[0]!
    .split('\n')
    .filter((line) => line.trim() !== '');
  if (header === undefined || !TABLE_HEADER.test(header)) throw new Error(`no stream table in:\n${stdout}`);
  const number = (text: string | undefined) => Number((text ?? '').replace(/,/g, ''));
  return new Map(
    rows.map((line) => {
      const [source = '', stream = '', status = '', fetched, created, updated, deleted, records] =
        line.split(/ +/);
      const row: StreamRow = {
        source,
        stream,
        status,
        fetched: number(fetched),
        new: number(created),
        updated: number(updated),
        deleted: number(deleted),
        records: number(records),
      };
      return [stream, row];
    }),
  );
}

/** Polls `condition` every `intervalMs` until it holds; fails after `timeoutMs`, or at once when `abort` says why. */
export async function waitFor(
  condition: () => Promise<boolean> | boolean,
  options: { timeoutMs: number; intervalMs?: number; what: string; abort?: () => string | undefined },
): Promise<void> {
  const deadline = performance.now() + options.timeoutMs;
  for (;;) {
    if (await condition()) return;
    const reason = options.abort?.();
    if (reason !== undefined) throw new Error(`gave up waiting for ${options.what}: ${reason}`);
    if (performance.now() > deadline)
      throw new Error(`timed out after ${options.timeoutMs} ms waiting for ${options.what}`);
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 20));
  }
}
