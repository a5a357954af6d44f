// Reads a file of one JSON value per line, fast: large reads, and one JSON.parse per group of lines
// rather than one per line. The newlines of a group are overwritten in place with commas and the
// group is wrapped in brackets, so the parser sees one array; the file is never one string (V8
// strings end near 512 MB). Groups stay under 64 KB because V8 allocates the results of larger
// JSON texts directly in the old generation, which made loading a large cache twice as slow.
import { isAscii } from 'node:buffer';
import { open } from 'node:fs/promises';

/** Receives the parsed lines of one group; returns false to stop reading. */
export type LineConsumer = (values: readonly unknown[], ends: readonly number[] | undefined) => boolean;

export interface ReadOptions {
  /** Bytes per read call. */
  readBytes?: number;
  /** Target size of a group parsed in one call. */
  groupBytes?: number;
  /** Pass the consumer, for each value, the file offset just past its line's newline. */
  offsets?: boolean;
}

export interface ReadOutcome {
  /** The file's size when it was opened. */
  readonly size: number;
  /**
   * Why reading stopped before the end of the file: a line that is not JSON, a last line without
   * its newline (a torn write), or the consumer's refusal. Undefined when every byte was read.
   */
  readonly stop: string | undefined;
}

const NEWLINE = 0x0a;
const COMMA = 0x2c;
const OPEN = 0x5b;
const CLOSE = 0x5d;

export async function readJsonLines(
  path: string,
  consume: LineConsumer,
  options: ReadOptions = {},
): Promise<ReadOutcome> {
  const readBytes = options.readBytes ?? 4 << 20;
  const groupBytes = options.groupBytes ?? 60 << 10;
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    // buf[0] is kept free for the '[' that opens the first group; file data starts at 1.
    let buf = Buffer.allocUnsafe(Math.max(2, Math.min(readBytes, size + 1)));
    let carry = 0; // bytes of an unfinished line kept at buf[1 .. 1 + carry)
    let base = 0; // file offset of buf[1]
    let position = 0;
    const newlines: number[] = [];
    while (position < size) {
      if (1 + carry >= buf.length) {
        // A line longer than the buffer (a record with a huge `extra`): grow, keep reading.
        const bigger = Buffer.allocUnsafe(buf.length * 2);
        buf.copy(bigger, 0, 0, 1 + carry);
        buf = bigger;
      }
      const { bytesRead } = await handle.read(
        buf,
        1 + carry,
        Math.min(buf.length - 1 - carry, size - position),
        position,
      );
      if (bytesRead === 0) break; // the file shrank while we read it: the rest counts as missing
      position += bytesRead;
      const view = buf.subarray(0, 1 + carry + bytesRead);
      newlines.length = 0;
      for (let at = view.indexOf(NEWLINE, 1); at !== -1; at = view.indexOf(NEWLINE, at + 1))
        newlines.push(at);
      const last = newlines.at(-1);
      if (last === undefined) {
        carry = view.length - 1;
        continue;
      }
      let first = 0; // index in `newlines` of the group's first line
      while (first < newlines.length) {
        const start = first === 0 ? 1 : newlines[first - 1]! + 1;
        let end = first;
        while (end + 1 < newlines.length && newlines[end + 1]! - start < groupBytes) end++;
        const group = newlines.slice(first, end + 1);
        const parsed = parseGroup(view, start, group, base);
        const ends =
          options.offsets === true ? group.slice(0, parsed.values.length).map((at) => base + at) : undefined;
        if (parsed.values.length > 0 && !consume(parsed.values, ends))
          return { size, stop: 'refused by the reader' };
        if (parsed.error !== undefined) return { size, stop: parsed.error };
        first = end + 1;
      }
      carry = view.length - (last + 1);
      buf.copyWithin(1, last + 1, view.length);
      base += last;
    }
    // `base` is now the offset just past the last complete line.
    return { size, stop: base < size ? `the last ${size - base} bytes are an unfinished line` : undefined };
  } finally {
    await handle.close();
  }
}

/** Parses the lines [start, group's last newline) in one call, or line by line up to the first bad one. */
function parseGroup(
  view: Buffer,
  start: number,
  group: readonly number[],
  base: number,
): { values: unknown[]; error?: string } {
  const last = group.at(-1)!;
  view[start - 1] = OPEN; // the previous group's last newline, or buf[0]
  for (let i = 0; i < group.length - 1; i++) view[group[i]!] = COMMA;
  view[last] = CLOSE;
  try {
    const values: unknown = JSON.parse(decode(view, start - 1, last + 1));
    // A count mismatch means a torn line merged with its neighbour into one value: check line by line.
    if (Array.isArray(values) && values.length === group.length) return { values };
  } catch {
    // fall through to the line-by-line parse, which finds the first bad line
  }
  const values: unknown[] = [];
  let from = start;
  for (const at of group) {
    try {
      values.push(JSON.parse(decode(view, from, at)));
    } catch {
      return { values, error: `the line at byte ${base + from - 1} is not JSON` };
    }
    from = at + 1;
  }
  return { values };
}

/** Pure ASCII (the usual case) decodes four times faster as latin1, which is then identical. */
function decode(view: Buffer, from: number, to: number): string {
  const bytes = view.subarray(from, to);
  return bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8');
}
