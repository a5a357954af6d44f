// Appends batches to one journal file through a file handle kept open, usually one write per batch.
// No fsync per batch: a killed process leaves its writes in the page cache, and a tail torn by a
// power cut is cut off on the next load like any other.
import { mkdir, open, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Cursor } from '../contracts/cursor.js';
import type { CanonicalRecord } from '../contracts/records.js';
import { AppError } from '../contracts/errors.js';
import { CACHE_FORMAT_VERSION, type JournalHeader } from './cache-header.js';
import { ioError, writeAll } from './fs-io.js';
import { RowEncoder } from './row-encoder.js';
import type { RowLayout } from './row-layout.js';

/** Batch text is cut into pieces of about this many characters (a string may not exceed ~512 MB). */
const PIECE_CHARS = 8 << 20;

export interface JournalPosition {
  /** Bytes of the existing file known good (header and complete batches); the rest is cut off. */
  validEnd: number;
  /** Entries in the string table those batches defined. */
  tableLength: number;
}

export class JournalWriter {
  readonly path: string;
  readonly #header: string;
  readonly #encoder: RowEncoder;
  #handle: FileHandle | undefined;
  #size: number;
  #broken: AppError | undefined;

  constructor(
    path: string,
    layout: RowLayout,
    gen: number,
    position: JournalPosition = { validEnd: 0, tableLength: 0 },
  ) {
    this.path = path;
    const header: JournalHeader = {
      v: CACHE_FORMAT_VERSION,
      kind: layout.kind,
      gen,
      fields: [...layout.fields],
      dict: [...layout.dict],
    };
    this.#header = `${JSON.stringify(header)}\n`;
    this.#size = position.validEnd;
    this.#encoder = new RowEncoder(layout, position.validEnd === 0 ? 0 : position.tableLength);
  }

  /** Bytes of batches (not counting the header) in the journal. */
  get batchBytes(): number {
    return Math.max(0, this.#size - Buffer.byteLength(this.#header));
  }

  /** Appends one batch; on failure the file is cut back to its last good byte and nothing changed. */
  async append(
    upserts: readonly CanonicalRecord[],
    deletes: readonly string[],
    cursor: Cursor | undefined,
  ): Promise<void> {
    if (this.#broken !== undefined) throw this.#broken;
    const handle = await this.#open();
    const checkpoint = this.#encoder.checkpoint();
    let pieces: string[];
    try {
      pieces = [...this.#encode(upserts, deletes, cursor, checkpoint)];
    } catch (error) {
      this.#encoder.rollback(checkpoint);
      throw new AppError('INTERNAL', `A record could not be written as JSON: ${(error as Error).message}`, {
        cause: error,
      });
    }
    const start = this.#size;
    try {
      for (const piece of pieces) {
        const data = Buffer.from(this.#size === 0 ? this.#header + piece : piece, 'utf8');
        await writeAll(handle, data);
        this.#size += data.length;
      }
    } catch (error) {
      this.#encoder.rollback(checkpoint);
      this.#size = start;
      // A partial batch would be ignored on load, but the next batch must not follow it: cut it off.
      try {
        await handle.truncate(start);
      } catch {
        this.#broken = ioError('repair the journal', this.path, error);
      }
      throw ioError('append to the journal', this.path, error);
    }
  }

  async close(): Promise<void> {
    const handle = this.#handle;
    this.#handle = undefined;
    if (handle !== undefined) await handle.close();
  }

  /** The batch as text pieces: table line, rows, deletes, marker. The marker last keeps pieces atomic. */
  *#encode(
    upserts: readonly CanonicalRecord[],
    deletes: readonly string[],
    cursor: Cursor | undefined,
    checkpoint: number,
  ): Generator<string> {
    const rows = upserts.map((record) => this.#encoder.encode(record));
    const definitions = this.#encoder.definitionsSince(checkpoint);
    const lines = definitions === undefined ? rows : [definitions, ...rows];
    for (const id of deletes) lines.push(`{"d":${JSON.stringify(id)}}`);
    lines.push(`{"c":${JSON.stringify(cursor ?? null)},"n":${lines.length}}`);
    let from = 0;
    let chars = 0;
    for (let i = 0; i < lines.length; i++) {
      chars += lines[i]!.length + 1;
      if (chars >= PIECE_CHARS || i === lines.length - 1) {
        yield `${lines.slice(from, i + 1).join('\n')}\n`;
        from = i + 1;
        chars = 0;
      }
    }
  }

  async #open(): Promise<FileHandle> {
    if (this.#handle !== undefined) return this.#handle;
    try {
      await mkdir(dirname(this.path), { recursive: true });
      const handle = await open(this.path, 'a');
      try {
        const { size } = await handle.stat();
        if (size < this.#size)
          throw new Error(`it has ${size} bytes, fewer than the ${this.#size} already committed`);
        // A torn tail from a crash (or a stale file of the same name) must go before anything follows it.
        if (size > this.#size) await handle.truncate(this.#size);
      } catch (error) {
        await handle.close();
        throw error;
      }
      this.#handle = handle;
      return handle;
    } catch (error) {
      throw ioError('open the journal', this.path, error);
    }
  }
}
