import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireDataDirLock, LOCK_FILE } from '../../src/state/data-dir-lock.js';

let root: string;
let dataDir: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'iso20k-lock-'));
  dataDir = join(root, 'data');
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

function lockContent(pid: number, host = hostname(), startedAt = '2020-01-01T00:00:00.000Z'): string {
  return JSON.stringify({ pid, host, startedAt, token: `t-${pid}` });
}

/** The pid of a process that has exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0']);
  await once(child, 'exit');
  return child.pid!;
}

describe('acquireDataDirLock', () => {
  it('creates the directory and a lock naming this process; a second acquire fails until release', async () => {
    const lock = await acquireDataDirLock(dataDir);
    const content = JSON.parse(await readFile(join(dataDir, LOCK_FILE), 'utf8'));
    expect(content).toMatchObject({ pid: process.pid, host: hostname() });
    const second = acquireDataDirLock(dataDir);
    await expect(second).rejects.toMatchObject({ code: 'STATE_LOCKED' });
    await expect(second).rejects.toThrow(new RegExp(`process ${process.pid}.*${dataDir}`));
    await lock.release();
    await lock.release(); // idempotent
    expect(await readdir(dataDir)).toEqual([]);
    const again = await acquireDataDirLock(dataDir);
    await again.release();
  });

  it('takes over the lock of a dead process', async () => {
    await acquireDataDirLock(dataDir).then((lock) => lock.release());
    const pid = await deadPid();
    await writeFile(join(dataDir, LOCK_FILE), lockContent(pid));
    const lock = await acquireDataDirLock(dataDir);
    expect(JSON.parse(await readFile(join(dataDir, LOCK_FILE), 'utf8')).pid).toBe(process.pid);
    await lock.release();
    expect(await readdir(dataDir)).toEqual([]); // no file left aside
  });

  it('refuses while the owning process lives, naming its pid', async () => {
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      await acquireDataDirLock(dataDir).then((lock) => lock.release());
      await writeFile(join(dataDir, LOCK_FILE), lockContent(child.pid!));
      await expect(acquireDataDirLock(dataDir)).rejects.toThrow(new RegExp(`locked by process ${child.pid}`));
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('refuses a lock from another host, and takes over one left by an earlier process with our pid', async () => {
    await acquireDataDirLock(dataDir).then((lock) => lock.release());
    await writeFile(join(dataDir, LOCK_FILE), lockContent(1, 'other-host'));
    await expect(acquireDataDirLock(dataDir)).rejects.toMatchObject({
      code: 'STATE_LOCKED',
      details: { host: 'other-host' },
    });
    // A restarted container: same pid, different start time.
    await writeFile(join(dataDir, LOCK_FILE), lockContent(process.pid));
    const lock = await acquireDataDirLock(dataDir);
    await lock.release();
  });

  it('leaves a fresh unreadable lock alone and takes over an old one', async () => {
    await acquireDataDirLock(dataDir).then((lock) => lock.release());
    const path = join(dataDir, LOCK_FILE);
    await writeFile(path, '');
    await expect(acquireDataDirLock(dataDir)).rejects.toMatchObject({ code: 'STATE_LOCKED' });
    const old = new Date(Date.now() - 60_000);
    await utimes(path, old, old);
    const lock = await acquireDataDirLock(dataDir);
    await lock.release();
  });

  it('does not remove a lock that another process took over meanwhile', async () => {
    const lock = await acquireDataDirLock(dataDir);
    const theirs = lockContent(process.pid + 1);
    await writeFile(join(dataDir, LOCK_FILE), theirs);
    await lock.release();
    expect(await readFile(join(dataDir, LOCK_FILE), 'utf8')).toBe(theirs);
  });

  it('fails with STATE_IO when the directory cannot be created', async () => {
    await writeFile(join(root, 'file'), 'x');
    await expect(acquireDataDirLock(join(root, 'file', 'data'))).rejects.toMatchObject({ code: 'STATE_IO' });
  });

  it('lets exactly one of several concurrent contenders take over a stale lock', async () => {
    await acquireDataDirLock(dataDir).then((lock) => lock.release());
    await writeFile(join(dataDir, LOCK_FILE), lockContent(await deadPid()));
    const results = await Promise.allSettled(Array.from({ length: 4 }, () => acquireDataDirLock(dataDir)));
    const won = results.filter((result) => result.status === 'fulfilled');
    expect(won).toHaveLength(1);
    for (const result of results)
      if (result.status === 'rejected') expect(result.reason).toMatchObject({ code: 'STATE_LOCKED' });
  });
});
