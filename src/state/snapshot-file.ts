// The snapshot: a header line, then table lines and one row per record (row-layout.ts). It is only
// ever replaced whole (temp file, fsync, rename), so it is always the old or the new complete file.
import { mkdir, open, rename, unlink } from 'node:fs/promises';
import type { Cursor } from '../contracts/cursor.js';
import type { CanonicalRecord } from '../contracts/records.js';
import {
  CACHE_FORMAT_VERSION,
  SnapshotHeaderSchema,
  checkHeader,
  type SnapshotHeader,
} from './cache-header.js';
import type { StreamFiles } from './cache-paths.js';
import { ioError, isNotFound, syncDir, writeAll } from './fs-io.js';
import { readJsonLines, type ReadOutcome } from './json-lines-reader.js';
import type { RecordIndex } from './record-index.js';
import { RowDecoder } from './row-decoder.js';
import { RowEncoder } from './row-encoder.js';
import type { RowLayout } from './row-layout.js';

export type SnapshotLoad =
  | { status: 'missing' }
  | { status: 'loaded'; gen: number; cursor: Cursor | undefined; bytes: number }
  | { status: 'invalid'; reason: string; gen: number | undefined };

/** Flush the row text to the file every this many characters: bounded memory, few write calls. */
const WRITE_CHUNK_CHARS = 4 << 20;

/** Reads a snapshot into `into` (which it may have partly filled when it reports the file invalid). */
export async function loadSnapshot(
  path: string,
  layout: RowLayout,
  into: RecordIndex,
): Promise<SnapshotLoad> {
  const decoder = new RowDecoder(layout);
  let header: SnapshotHeader | undefined;
  let problem: string | undefined;
  let rows = 0;
  const consume = (values: readonly unknown[]): boolean => {
    let i = 0;
    if (header === undefined) {
      const check = checkHeader(values[0], SnapshotHeaderSchema, layout, path);
      if (!check.ok) {
        problem = check.reason;
        return false;
      }
      header = check.header;
      i = 1;
    }
    for (; i < values.length; i++) {
      const value = values[i];
      const record = decoder.decode(value);
      if (record !== undefined) {
        into.set(record);
        rows++;
      } else if (!decoder.define(value)) {
        problem = `${path} has a line that is neither a row nor a table line (after row ${rows})`;
        return false;
      }
    }
    return true;
  };
  let outcome: ReadOutcome;
  try {
    outcome = await readJsonLines(path, consume);
  } catch (error) {
    if (isNotFound(error)) return { status: 'missing' };
    return {
      status: 'invalid',
      reason: `${path} cannot be read: ${(error as Error).message}`,
      gen: undefined,
    };
  }
  const gen = header?.gen;
  if (problem !== undefined) return { status: 'invalid', reason: problem, gen };
  if (header === undefined) return { status: 'invalid', reason: `${path} has no complete header line`, gen };
  if (outcome.stop !== undefined)
    return { status: 'invalid', reason: `${path} is damaged: ${outcome.stop}`, gen };
  if (rows !== header.count) {
    return {
      status: 'invalid',
      reason: `${path} holds ${rows} rows but its header announces ${header.count}`,
      gen,
    };
  }
  return { status: 'loaded', gen: header.gen, cursor: header.cursor ?? undefined, bytes: outcome.size };
}

export interface SnapshotContent {
  gen: number;
  cursor: Cursor | undefined;
  count: number;
  records: Iterable<CanonicalRecord>;
}

/** Writes a complete snapshot beside the current one, makes it durable, then renames it into place. */
export async function writeSnapshot(
  files: StreamFiles,
  layout: RowLayout,
  content: SnapshotContent,
): Promise<number> {
  const header: SnapshotHeader = {
    v: CACHE_FORMAT_VERSION,
    kind: layout.kind,
    gen: content.gen,
    fields: [...layout.fields],
    dict: [...layout.dict],
    cursor: content.cursor ?? null,
    count: content.count,
  };
  const encoder = new RowEncoder(layout);
  let bytes = 0;
  try {
    await mkdir(files.dir, { recursive: true });
    const handle = await open(files.snapshotTemp, 'w');
    try {
      let rows: string[] = [];
      let chars = 0;
      let checkpoint = encoder.checkpoint();
      const flush = async (prefix: string[]): Promise<void> => {
        // Table values first: a row may only refer to entries defined above it.
        const definitions = encoder.definitionsSince(checkpoint);
        if (definitions !== undefined) prefix.push(definitions);
        const data = Buffer.from(`${[...prefix, ...rows].join('\n')}\n`, 'utf8');
        await writeAll(handle, data);
        bytes += data.length;
        checkpoint = encoder.checkpoint();
        rows = [];
        chars = 0;
      };
      let prefix = [JSON.stringify(header)];
      for (const record of content.records) {
        const line = encoder.encode(record);
        rows.push(line);
        chars += line.length;
        if (chars >= WRITE_CHUNK_CHARS) {
          await flush(prefix);
          prefix = [];
        }
      }
      await flush(prefix);
      // The data must be on disk before the rename makes it the snapshot: a crash after the rename
      // must not leave a renamed but empty file.
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(files.snapshotTemp, files.snapshot);
  } catch (error) {
    await unlink(files.snapshotTemp).catch(() => undefined);
    throw ioError('write the record cache snapshot', files.snapshot, error);
  }
  await syncDir(files.dir);
  return bytes;
}
