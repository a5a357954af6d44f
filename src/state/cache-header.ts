// The first line of every cache file. It names the format version, the record kind, the snapshot
// generation the file belongs to and the row layout (field order, table fields), so a file is
// readable on its own and a file from another version or schema is recognised instead of misread.
import { open } from 'node:fs/promises';
import { z } from 'zod';
import { CursorSchema } from '../contracts/cursor.js';
import { RecordKindSchema } from '../contracts/records.js';
import { sameList, type RowLayout } from './row-layout.js';

export const CACHE_FORMAT_VERSION = 1;

const common = {
  v: z.literal(CACHE_FORMAT_VERSION),
  kind: RecordKindSchema,
  gen: z.number().int().min(0),
  /** Row positions (see row-layout.ts). */
  fields: z.array(z.string()),
  /** Fields whose numbers are string table references. */
  dict: z.array(z.string()),
};

export const SnapshotHeaderSchema = z.object({
  ...common,
  /** The cursor committed with the last batch folded into this snapshot; null = never synced. */
  cursor: CursorSchema.nullable(),
  /** How many rows follow; fewer means the file was cut short. */
  count: z.number().int().min(0),
});
export type SnapshotHeader = z.infer<typeof SnapshotHeaderSchema>;

export const JournalHeaderSchema = z.object(common);
export type JournalHeader = z.infer<typeof JournalHeaderSchema>;

/** A header checked against the stream it is opened for, or why it does not fit. */
export type HeaderCheck<T> = { ok: true; header: T } | { ok: false; reason: string };

export function checkHeader<T extends JournalHeader>(
  value: unknown,
  schema: z.ZodType<T>,
  layout: RowLayout,
  file: string,
): HeaderCheck<T> {
  if (typeof value === 'object' && value !== null && 'v' in value && value.v !== CACHE_FORMAT_VERSION) {
    return {
      ok: false,
      reason: `${file} has cache format version ${JSON.stringify(value.v)}; this build reads version ${CACHE_FORMAT_VERSION}`,
    };
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success)
    return {
      ok: false,
      reason: `${file} has an invalid header (${parsed.error.issues[0]?.message ?? 'unknown'})`,
    };
  const header = parsed.data;
  if (header.kind !== layout.kind)
    return { ok: false, reason: `${file} holds ${header.kind} records, not ${layout.kind}` };
  // A changed schema means rows would be misread (and new fields would be missing): resync instead.
  if (!sameList(layout.fields, header.fields) || !sameList(layout.dict, header.dict)) {
    return { ok: false, reason: `${file} was written for another ${layout.kind} schema` };
  }
  return { ok: true, header };
}

/** The first line of a file parsed as JSON; undefined when it is missing, unfinished or not JSON. */
export async function readFirstLine(path: string, limit = 16 << 20): Promise<unknown> {
  const handle = await open(path, 'r');
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    while (total < limit) {
      const chunk = Buffer.allocUnsafe(64 << 10);
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, total);
      if (bytesRead === 0) return undefined;
      const newline = chunk.subarray(0, bytesRead).indexOf(0x0a);
      chunks.push(chunk.subarray(0, newline === -1 ? bytesRead : newline));
      total += bytesRead;
      if (newline !== -1) return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
    }
    return undefined;
  } catch (error) {
    if (error instanceof SyntaxError) return undefined;
    throw error;
  } finally {
    await handle.close();
  }
}
