// Kills a process that commits batches in a loop (SIGKILL at random moments, and half of the time
// in the middle of a write) and checks that every reload is exactly the state of a committed prefix
// of the batches, with that prefix's cursor.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
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

/**
 * Starts the child and waits until it commits; then either lets it run `ms` and kills it with
 * SIGKILL, or (tearAfter) waits for it to kill itself halfway through a write.
 */
async function runAndKill(ms: number, tearAfter?: number): Promise<number> {
  const args = ['--import', 'tsx', CHILD, dir, ...(tearAfter === undefined ? [] : [String(tearAfter)])];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = once(child, 'exit');
  let output = '';
  child.stdout.setEncoding('utf8');
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: string) => {
      output += chunk;
      if (output.includes('\n')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`child exited with ${code} before it was ready: ${output}`)));
  });
  if (tearAfter === undefined) {
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
    const log = pino({ level: 'info' }, { write: (line: string) => void (tornTails += line.includes('incomplete last batch') ? 1 : 0) });
    for (let kill = 0; kill < KILLS; kill++) {
      const tearing = kill % 2 === 1;
      const resumedAt = await runAndKill(40 + Math.floor(Math.random() * 400), tearing ? Math.floor(Math.random() * 20) : undefined);
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
    }
    expect(previous).toBeGreaterThan(0);
    expect(tornTails).toBeGreaterThan(0);
    console.log(`record cache crash test: ${previous + 1} batches committed, ${tornTails} of ${KILLS} kills tore a batch`);
  });
});
