// One writer per data directory (DESIGN section 7). The lock is a file holding the owner's pid, host
// and process start time, created atomically with its content (written aside, then hard-linked into
// place, which fails if a lock exists). A lock left by a dead process (kill -9, OOM, power loss) is
// taken over under a short-lived takeover lock; a live owner gets a clear STATE_LOCKED error.
import { randomUUID } from 'node:crypto';
import { link, mkdir, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../contracts/errors.js';
import { errorCode, ioError, isNotFound } from './fs-io.js';

export interface DataDirLock {
  /** Removes the lock file if it is still ours. Safe to call more than once. */
  release(): Promise<void>;
}

/** The lock file's content. */
interface LockOwner {
  pid: number;
  host: string;
  /** When the owning process started (identifies it even if its pid is later reused). */
  startedAt: string;
  /** Tells this acquisition apart from any other, for release and takeover checks. */
  token: string;
}

export const LOCK_FILE = '.lock';
/** A lock file still empty or half-written after this long was left by a crash, not being written now. */
const UNREADABLE_GRACE_MS = 10_000;
const ATTEMPTS = 20;
/** A takeover lock older than this was left by a process that died during its few milliseconds. */
const TAKEOVER_STALE_MS = 10_000;
/** Two start times closer than this are the same process. */
const SAME_START_MS = 250;

/**
 * Takes data/.lock (pid + host + start time, created with O_EXCL). A lock whose pid is dead
 * (process.kill(pid, 0) fails with ESRCH) is stale and taken over; a live one -> AppError STATE_LOCKED
 * naming the pid and the directory. Creates the directory if missing (STATE_IO on failure).
 */
export async function acquireDataDirLock(dataDir: string): Promise<DataDirLock> {
  try {
    await mkdir(dataDir, { recursive: true });
  } catch (error) {
    throw ioError('create the data directory', dataDir, error);
  }
  const path = join(dataDir, LOCK_FILE);
  const me: LockOwner = {
    pid: process.pid,
    host: hostname(),
    startedAt: processStart(),
    token: randomUUID(),
  };
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    if (await tryCreate(path, me)) return { release: () => release(path, me.token) };
    const raw = await readIfPresent(path);
    if (raw === undefined) continue; // released meanwhile: try again
    const owner = parseOwner(raw);
    if (owner === undefined) {
      if (!(await olderThan(path, UNREADABLE_GRACE_MS)))
        throw locked(dataDir, path, 'a process that is creating it right now');
    } else if (isAlive(owner, me)) {
      throw locked(dataDir, path, describe(owner), owner);
    }
    await takeOver(path, raw);
  }
  throw locked(dataDir, path, 'other processes (the lock kept changing hands)');
}

async function tryCreate(path: string, me: LockOwner): Promise<boolean> {
  const temp = `${path}.new-${me.token}`;
  try {
    await writeFile(temp, `${JSON.stringify(me)}\n`);
    await link(temp, path);
    return true;
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    throw ioError('create the lock file', path, error);
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}

/**
 * Removes a stale lock, but only while holding the takeover lock and only if the lock file still holds
 * the stale content examined: two contenders can never both remove a lock, and nobody removes a lock
 * that a contender created after the stale one was examined.
 */
async function takeOver(path: string, staleContent: string): Promise<void> {
  const guard = `${path}.takeover`;
  try {
    await writeFile(guard, String(process.pid), { flag: 'wx' });
  } catch (error) {
    if (errorCode(error) !== 'EEXIST') throw ioError('take over the stale lock file', path, error);
    if (await olderThan(guard, TAKEOVER_STALE_MS)) await unlink(guard).catch(() => undefined);
    else await new Promise((resolve) => setTimeout(resolve, 10 + Math.random() * 20));
    return; // the caller looks at the lock again
  }
  try {
    if ((await readIfPresent(path)) === staleContent) await unlink(path).catch(() => undefined);
  } finally {
    await unlink(guard).catch(() => undefined);
  }
}

async function release(path: string, token: string): Promise<void> {
  const raw = await readIfPresent(path);
  if (raw === undefined || parseOwner(raw)?.token !== token) return; // not ours (any more)
  try {
    await unlink(path);
  } catch (error) {
    if (!isNotFound(error)) throw ioError('remove the lock file', path, error);
  }
}

function isAlive(owner: LockOwner, me: LockOwner): boolean {
  // Another host's pid cannot be checked from here: treat it as alive (a shared volume).
  if (owner.host !== me.host) return true;
  // Our own pid: either this very process already holds the lock, or a previous process had the
  // same pid (a restarted container starts its processes with the same pids). The start time is
  // derived from the uptime, so it carries a little jitter: allow for it.
  if (owner.pid === me.pid)
    return Math.abs(Date.parse(owner.startedAt) - Date.parse(me.startedAt)) < SAME_START_MS;
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (error) {
    return errorCode(error) !== 'ESRCH'; // EPERM: alive, owned by another user
  }
}

function parseOwner(raw: string): LockOwner | undefined {
  try {
    const value = JSON.parse(raw) as Partial<LockOwner>;
    if (
      Number.isInteger(value.pid) &&
      typeof value.host === 'string' &&
      typeof value.startedAt === 'string' &&
      typeof value.token === 'string'
    ) {
      return value as LockOwner;
    }
  } catch {
    // unreadable content: handled by the caller
  }
  return undefined;
}

async function readIfPresent(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw ioError('read the lock file', path, error);
  }
}

async function olderThan(path: string, ms: number): Promise<boolean> {
  try {
    return Date.now() - (await stat(path)).mtimeMs > ms;
  } catch {
    return true;
  }
}

/** When this process started; the same in every worker thread (performance.timeOrigin is not). */
function processStart(): string {
  return new Date(Date.now() - process.uptime() * 1000).toISOString();
}

function describe(owner: LockOwner): string {
  return `process ${owner.pid} on ${owner.host} (started ${owner.startedAt})`;
}

function locked(dataDir: string, path: string, holder: string, owner?: LockOwner): AppError {
  return new AppError(
    'STATE_LOCKED',
    `The data directory ${dataDir} is locked by ${holder}; if no iso20k process is running there, remove ${path}`,
    {
      details: {
        dataDir,
        lockFile: path,
        ...(owner === undefined ? {} : { pid: owner.pid, host: owner.host }),
      },
    },
  );
}
