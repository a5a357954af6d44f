// The snapshot: a header line, then one row per record. It is only ever replaced whole (temp file,
// fsync, rename), so it is always either the old or the new complete file.
import { mkdir, open, rename, unlink } from 'node:fs/promises';
import type { Cursor } from '../contracts/cursor.js';
import type { CanonicalRecord } from '../contracts/records.js';
import type { RowCodec } from './cache-codec.js';
import { CACHE_FORMAT_VERSION, SnapshotHeaderSchema, checkHeader, type SnapshotHeader } from './cache-header.js';
import type { StreamFiles } from './cache-paths.js';
import { ioError, isNotFound, syncDir, writeAll } from './fs-io.js';
import { readJsonLines } from './json-lines-reader.js';

export type SnapshotLoad =
  | { status: 'missing' }
  | { status: 'loaded'; gen: number; cursor: Cursor | undefined; bytes: number }
  | { status: 'invalid'; reason: string; gen: number | undefined };

/** Flush the row text to the file every this many characters: bounded memory, few write calls. */
const WRITE_CHUNK_CHARS = 2 << 20;

/** Reads a snapshot into `into` (which it fills even when it then reports the file invalid). */
export async function loadSnapshot(path: string, codec: RowCodec, into: Map<string, CanonicalRecord>): Promise<SnapshotLoad> {
  let header: SnapshotHeader | undefined;
  let problem: string | undefined;
  let rows = 0;
  let outcome;
  try {
    outcome = await readJsonLines(path, ({ values }) => {
      let i = 0;
      if (header === undefined) {
        const check = checkHeader(values[0], SnapshotHeaderSchema, codec, path);
        if (!check.ok) {
          problem = check.reason;
          return false;
        }
        header = check.header;
        i = 1;
      }
      for (; i < values.length; i++) {
        const record = codec.decode(values[i]);
        if (record === undefined) {
          problem = `${path} has a row that does not fit the ${codec.kind} fields (row ${rows + 1})`;
          return false;
        }
        into.set(record.id, record);
        rows++;
      }
      return true;
    });
  } catch (error) {
    if (isNotFound(error)) return { status: 'missing' };
    return { status: 'invalid', reason: `${path} cannot be read: ${(error as Error).message}`, gen: undefined };
  }
  const gen = header?.gen;
  if (problem !== undefined) return { status: 'invalid', reason: problem, gen };
  if (header === undefined) return { status: 'invalid', reason: `${path} has no complete header line`, gen };
  if (outcome.stop !== undefined) return { status: 'invalid', reason: `${path} is damaged: ${outcome.stop}`, gen };
  if (rows !== header.count) {
    return { status: 'invalid', reason: `${path} holds ${rows} rows but its header announces ${header.count}`, gen };
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
export async function writeSnapshot(files: StreamFiles, codec: RowCodec, content: SnapshotContent): Promise<number> {
  const header: SnapshotHeader = {
    v: CACHE_FORMAT_VERSION,
    kind: codec.kind,
    gen: content.gen,
    fields: [...codec.fields],
    cursor: content.cursor ?? null,
    count: content.count,
  };
  let bytes = 0;
  try {
    await mkdir(files.dir, { recursive: true });
    const handle = await open(files.snapshotTemp, 'w');
    try {
      let lines = [JSON.stringify(header)];
      let chars = 0;
      const flush = async (): Promise<void> => {
        const data = Buffer.from(`${lines.join('\n')}\n`, 'utf8');
        await writeAll(handle, data);
        bytes += data.length;
        lines = [];
        chars = 0;
      };
      for (const record of content.records) {
        const line = codec.encode(record);
        lines.push(line);
        chars += line.length;
        if (chars >= WRITE_CHUNK_CHARS) await flush();
      }
      if (lines.length > 0) await flush();
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
