// Appends batches to one journal file through a file handle kept open, one write per batch. No fsync
// per batch: a killed process leaves its writes in the page cache, and a torn tail after a power cut
// is cut off on the next load like any other.
import { mkdir, open, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { AppError } from '../contracts/errors.js';
import { ioError, writeAll } from './fs-io.js';

export class JournalWriter {
  readonly path: string;
  readonly #header: string;
  #handle: FileHandle | undefined;
  /** Bytes known good: the header plus complete batches. */
  #size: number;
  #broken: AppError | undefined;

  /**
   * @param header the first line of a fresh journal, written with the first batch when `validEnd` is 0
   * @param validEnd bytes of the existing file known good; anything after it is cut off before appending
   */
  constructor(path: string, header: string, validEnd: number) {
    this.path = path;
    this.#header = header;
    this.#size = validEnd;
  }

  /** Bytes of batches (not counting the header) in the journal. */
  get batchBytes(): number {
    return Math.max(0, this.#size - Buffer.byteLength(this.#header));
  }

  /** Appends one batch's pieces; on failure the file is cut back to its last good byte. */
  async append(pieces: readonly string[]): Promise<void> {
    if (this.#broken !== undefined) throw this.#broken;
    const handle = await this.#open();
    const start = this.#size;
    try {
      for (const piece of pieces) {
        const data = Buffer.from(this.#size === 0 ? this.#header + piece : piece, 'utf8');
        await writeAll(handle, data);
        this.#size += data.length;
      }
    } catch (error) {
      // A partial batch would be ignored on load, but the next batch must not follow it: cut it off.
      this.#size = start;
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

  async #open(): Promise<FileHandle> {
    if (this.#handle !== undefined) return this.#handle;
    try {
      await mkdir(dirname(this.path), { recursive: true });
      const handle = await open(this.path, 'a');
      try {
        const { size } = await handle.stat();
        // A torn tail from a crash (or a stale file of the same name) must go before anything follows it.
        if (size < this.#size) throw new Error(`it has ${size} bytes, fewer than the ${this.#size} already committed`);
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
