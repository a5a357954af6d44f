// Reads a file of one-JSON-value-per-line fast: large chunks, and one JSON.parse per chunk instead of
// one per line. The newlines of a chunk's complete lines are overwritten in place with commas and the
// chunk is wrapped in brackets, so the parser sees a single array (readline and a parse per line cost
// about twice as much, and the file is never held as one string: V8 strings end near 512 MB).
import { open } from 'node:fs/promises';

/** A run of complete lines, parsed. */
export interface LineBatch {
  /** The parsed lines, in file order. */
  readonly values: readonly unknown[];
  /** For each value, the file offset just past its line's newline. */
  readonly ends: readonly number[];
}

export interface ReadOutcome {
  /** The file's size when it was opened. */
  readonly size: number;
  /** Offset just past the last line handed to the consumer. */
  readonly end: number;
  /**
   * Why reading stopped before the end of the file: a line that is not JSON, a last line without
   * its newline (a torn write), or the consumer's refusal. Undefined when every byte was read.
   */
  readonly stop: string | undefined;
}

/** Returns false to stop reading (the outcome's `end` then stays before this batch). */
export type BatchConsumer = (batch: LineBatch) => boolean;

const NEWLINE = 0x0a;
const COMMA = 0x2c;
const OPEN = 0x5b;
const CLOSE = 0x5d;

export async function readJsonLines(path: string, consume: BatchConsumer, chunkBytes = 4 << 20): Promise<ReadOutcome> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    // buf[0] is the opening bracket; data starts at 1. The last newline of a chunk becomes ']'.
    let buf = Buffer.allocUnsafe(Math.max(2, Math.min(chunkBytes, size + 1)));
    buf[0] = OPEN;
    let carry = 0; // bytes of an unfinished line kept at buf[1 .. 1 + carry)
    let base = 0; // file offset of buf[1]
    let position = 0;
    let end = 0;
    while (position < size) {
      if (1 + carry >= buf.length) {
        // One line longer than the buffer (a record with a huge `extra`): grow and keep reading.
        const bigger = Buffer.allocUnsafe(buf.length * 2);
        buf.copy(bigger, 0, 0, 1 + carry);
        buf = bigger;
      }
      const want = Math.min(buf.length - 1 - carry, size - position);
      const { bytesRead } = await handle.read(buf, 1 + carry, want, position);
      if (bytesRead === 0) break; // the file shrank under us; treat the rest as absent
      position += bytesRead;
      const view = buf.subarray(0, 1 + carry + bytesRead);
      const newlines: number[] = [];
      for (let at = view.indexOf(NEWLINE, 1); at !== -1; at = view.indexOf(NEWLINE, at + 1)) newlines.push(at);
      const last = newlines.at(-1);
      if (last === undefined) {
        carry = view.length - 1;
        continue;
      }
      const ends = newlines.map((at) => base + at);
      const parsed = parseChunk(view, newlines, base);
      if (parsed.values.length > 0 && !consume({ values: parsed.values, ends: ends.slice(0, parsed.values.length) })) {
        return { size, end, stop: 'refused by the reader' };
      }
      if (parsed.values.length > 0) end = ends[parsed.values.length - 1] ?? end;
      if (parsed.error !== undefined) return { size, end, stop: parsed.error };
      carry = view.length - (last + 1);
      buf.copyWithin(1, last + 1, view.length);
      base += last;
    }
    const stop = carry > 0 || end < size ? `the last ${size - end} bytes are an unfinished line` : undefined;
    return { size, end, stop };
  } finally {
    await handle.close();
  }
}

/** Parses the complete lines of a chunk in one call, or line by line up to the first bad one. */
function parseChunk(view: Buffer, newlines: readonly number[], base: number): { values: unknown[]; error?: string } {
  const lastIndex = newlines.length - 1;
  for (let i = 0; i < lastIndex; i++) view[newlines[i]!] = COMMA;
  const last = newlines[lastIndex]!;
  view[last] = CLOSE;
  try {
    const values: unknown = JSON.parse(view.toString('utf8', 0, last + 1));
    // A count mismatch means a torn line joined its neighbour into one value: fall back.
    if (Array.isArray(values) && values.length === newlines.length) return { values };
  } catch {
    // fall through to the line-by-line parse, which finds the first bad line
  }
  const values: unknown[] = [];
  let start = 1;
  for (const at of newlines) {
    try {
      values.push(JSON.parse(view.toString('utf8', start, at)));
    } catch {
      return { values, error: `the line at byte ${base + start - 1} is not JSON` };
    }
    start = at + 1;
  }
  return { values };
}
