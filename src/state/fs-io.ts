// Small file-system helpers shared by the state files: complete writes, directory fsync, and one way
// to turn an fs failure into the STATE_IO error the user sees.
import { open, type FileHandle } from 'node:fs/promises';
import { AppError } from '../contracts/errors.js';

/** Writes every byte: a write call may write less than asked (disk full, signals). */
export async function writeAll(
  handle: FileHandle,
  data: Buffer,
  position: number | null = null,
): Promise<void> {
  let offset = 0;
  while (offset < data.length) {
    const { bytesWritten } = await handle.write(
      data,
      offset,
      data.length - offset,
      position === null ? null : position + offset,
    );
    if (bytesWritten === 0) throw new Error('write returned 0 bytes');
    offset += bytesWritten;
  }
}

/**
 * Makes a rename in this directory durable. Best effort: some platforms and file systems cannot
 * open or sync a directory, and the rename itself is already atomic there.
 */
export async function syncDir(dir: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // see above: durability of the directory entry is an extra, not a requirement
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

export function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string'
    ? error.code
    : undefined;
}

export function isNotFound(error: unknown): boolean {
  return errorCode(error) === 'ENOENT';
}

/** A STATE_IO error naming what was being done to which file. */
export function ioError(action: string, path: string, cause: unknown): AppError {
  const detail = cause instanceof Error ? cause.message : String(cause);
  return new AppError('STATE_IO', `Cannot ${action} ${path}: ${detail}`, { cause, details: { path } });
}
