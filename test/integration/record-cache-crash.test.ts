// Kills a process that commits batches in a loop (SIGKILL at random moments, and every other time in
// the middle of a journal or snapshot write) and checks that every reload is exactly the state of a
// committed prefix of the batches, with that prefix's cursor.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRecordCache } from '../../src/state/record-cache.js';
import { CRASH_KEY, stateAfter } from '../fixtures/record-cache-crash-batches.js';

const CHILD = fileURLToPath(new URL('../fixtures/record-cache-crash-child.ts', import.meta.url));
const KILLS = 6;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'iso20k-crash-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

interface Tear {
  after: number;
  target: 'journal' | 'snapshot';
}

/**
 * Starts the child and waits until it commits; then either lets it run `ms` and kills it with
 * SIGKILL, or (tear) waits for it to kill itself halfway through a write.
 */
async function runAndKill(ms: number, tear?: Tear): Promise<number> {
  const args = [
    '--import',
    'tsx',
    CHILD,
    dir,
    ...(tear === undefined ? [] : [String(tear.after), tear.target]),
  ];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = once(child, 'exit');
  let output = '';
  child.stdout.setEncoding('utf8');
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: string) => {
      output += chunk;
      if (output.includes('\n')) resolve();
    });
    child.once('exit', (code) =>
      reject(new Error(`child exited with ${code} before it was ready: ${output}`)),
    );
  });
  if (tear === undefined) {
    await new Promise((resolve) => setTimeout(resolve, ms));
    child.kill('SIGKILL');
  }
  const [, signal] = (await exited) as [number | null, string | null];
  expect(signal).toBe('SIGKILL');
  return Number(/ready (\d+)/.exec(output)?.[1]);
}

describe('record cache under SIGKILL', () => {
  it('reloads a consistent prefix of the committed batches after every kill', async () => {
    let previous = -1;
    let tornTails = 0;
    // Counts the loads that found (and ignored) a batch cut short by the kill.
    const log = pino(
      { level: 'info' },
      { write: (line: string) => void (tornTails += line.includes('incomplete last batch') ? 1 : 0) },
    );
    for (let kill = 0; kill < KILLS; kill++) {
      const tear: Tear | undefined =
        kill % 2 === 0
          ? undefined
          : { after: Math.floor(Math.random() * 20), target: kill === 3 ? 'snapshot' : 'journal' };
      const resumedAt = await runAndKill(40 + Math.floor(Math.random() * 400), tear);
      expect(resumedAt).toBe(previous + 1); // the child resumed right after the last complete batch
      const cache = await createRecordCache({ dir, log }).open(CRASH_KEY);
      try {
        expect(cache.resetReason).toBeUndefined();
        const last = cache.cursor === undefined ? -1 : Number(cache.cursor.batch);
        expect(last).toBeGreaterThanOrEqual(previous);
        expect(new Map(cache.records)).toEqual(stateAfter(last));
        previous = last;
      } finally {
        await cache.close();
      }
      // A snapshot torn before its rename is only ever a temp file, removed on load.
      expect(
        (await readdir(join(dir, 'cache', CRASH_KEY.source))).filter((file) => file.endsWith('.tmp')),
      ).toEqual([]);
    }
    expect(previous).toBeGreaterThan(0);
    expect(tornTails).toBeGreaterThanOrEqual(2); // the two journal tears at least
    console.log(
      `record cache crash test: ${previous + 1} batches committed, ${tornTails} of ${KILLS} kills left a torn journal batch`,
    );
  });
});
