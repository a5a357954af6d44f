// One stream's cache on disk. Files, in <data dir>/cache/<source>/ (names escaped, cache-paths.ts):
//   <stream>.snap.ndjson            header {v,kind,gen,fields,dict,cursor,count}, then rows (row-layout.ts)
//   <stream>.g<gen>.journal.ndjson  header {v,kind,gen,fields,dict}, then batches (journal-file.ts)
// Only the journal whose generation equals the snapshot's is replayed (no snapshot = generation 0).
// Compaction writes snapshot gen+1 and renames it into place before the old journal is deleted, so a
// crash between the two leaves a journal of an older generation, which is ignored and removed.
import { readdir, unlink } from 'node:fs/promises';
import type { Logger } from 'pino';
import type { Cursor } from '../contracts/cursor.js';
import { AppError } from '../contracts/errors.js';
import type { CanonicalRecord } from '../contracts/records.js';
import { parseCacheFileName, streamFiles, type StreamFiles } from './cache-paths.js';
import { isNotFound } from './fs-io.js';
import { replayJournal } from './journal-file.js';
import { JournalWriter, type JournalPosition } from './journal-writer.js';
import { RecordIndex } from './record-index.js';
import type { CompactOptions, StreamCache, StreamKey } from './record-cache.js';
import { rowLayout, type RowLayout } from './row-layout.js';
import { loadSnapshot, writeSnapshot } from './snapshot-file.js';

export interface OpenStreamCacheOptions {
  dataDir: string;
  key: StreamKey;
  log: Logger | undefined;
  compactRatio: number;
}

/** What loading found on disk. */
interface Loaded {
  gen: number;
  cursor: Cursor | undefined;
  journal: JournalPosition;
  resetReason: string | undefined;
  /** Every journal generation present, to remove the stale ones. */
  journalGens: number[];
  /** Entries on disk that no longer describe a live record (replaced versions, deletions). */
  dead: number;
}

export async function openStreamCache(options: OpenStreamCacheOptions): Promise<StreamCache> {
  const { key, log } = options;
  const layout = rowLayout(key.kind);
  const files = streamFiles(options.dataDir, key.source, key.stream);
  const records = new RecordIndex();
  const loaded = await load(key, files, layout, records, log);
  const cache = new FileStreamCache(key, layout, files, records, loaded, options);
  await cache.tidy(loaded.journalGens);
  return cache;
}

async function load(
  key: StreamKey,
  files: StreamFiles,
  layout: RowLayout,
  records: RecordIndex,
  log: Logger | undefined,
): Promise<Loaded> {
  const journalGens = await listJournalGens(files, key.stream);
  const snapshot = await loadSnapshot(files.snapshot, layout, records);
  const empty = (gen: number, resetReason: string | undefined): Loaded => {
    records.clear();
    return {
      gen,
      cursor: undefined,
      journal: { validEnd: 0, tableLength: 0 },
      resetReason,
      journalGens,
      dead: 0,
    };
  };
  if (snapshot.status === 'invalid') {
    // The reset snapshot gets a generation above every file present, so none of them is replayed again.
    return empty(Math.max(snapshot.gen ?? 0, ...journalGens), snapshot.reason);
  }
  const gen = snapshot.status === 'loaded' ? snapshot.gen : 0;
  const snapshotCount = records.size;
  const journal = await replayJournal(files.journal(gen), layout, gen, records);
  if (journal.headerProblem !== undefined) {
    if (snapshot.status === 'missing') return empty(Math.max(gen, ...journalGens), journal.headerProblem);
    log?.warn(
      { file: files.journal(gen), reason: journal.headerProblem },
      'record cache journal unusable; keeping the snapshot only',
    );
  } else if (journal.problem !== undefined) {
    log?.info(
      { file: files.journal(gen), reason: journal.problem, bytes: journal.size - journal.end },
      'record cache journal: ignoring an incomplete last batch',
    );
  }
  return {
    gen,
    cursor: journal.batches > 0 ? journal.cursor : snapshot.status === 'loaded' ? snapshot.cursor : undefined,
    journal:
      journal.headerProblem === undefined
        ? { validEnd: journal.end, tableLength: journal.tableLength }
        : { validEnd: 0, tableLength: 0 },
    resetReason: undefined,
    journalGens,
    dead: Math.max(0, snapshotCount + journal.entries - records.size),
  };
}

async function listJournalGens(files: StreamFiles, stream: string): Promise<number[]> {
  let entries: string[];
  try {
    entries = await readdir(files.dir);
  } catch {
    return []; // no folder yet; an unreadable one shows up when the snapshot is read
  }
  const gens: number[] = [];
  for (const entry of entries) {
    const name = parseCacheFileName(entry);
    if (name?.type === 'journal' && name.stream === stream) gens.push(name.gen);
  }
  return gens;
}

class FileStreamCache implements StreamCache {
  readonly key: StreamKey;
  readonly records: RecordIndex;
  readonly resetReason: string | undefined;
  readonly #layout: RowLayout;
  readonly #files: StreamFiles;
  readonly #log: Logger | undefined;
  readonly #compactRatio: number;
  #cursor: Cursor | undefined;
  #gen: number;
  #writer: JournalWriter;
  /** Entries on disk that a compaction would drop; what makes a load slower than it need be. */
  #dead: number;
  /** Set when a reset could not be written yet: the empty snapshot is written before any other change. */
  #resetPending: boolean;
  #closed = false;
  #tail: Promise<unknown> = Promise.resolve();

  constructor(
    key: StreamKey,
    layout: RowLayout,
    files: StreamFiles,
    records: RecordIndex,
    loaded: Loaded,
    options: OpenStreamCacheOptions,
  ) {
    this.key = key;
    this.records = records;
    this.resetReason = loaded.resetReason;
    this.#layout = layout;
    this.#files = files;
    this.#log = options.log;
    this.#compactRatio = options.compactRatio;
    this.#cursor = loaded.cursor;
    this.#gen = loaded.gen;
    this.#dead = loaded.dead;
    this.#writer = new JournalWriter(files.journal(loaded.gen), layout, loaded.gen, loaded.journal);
    this.#resetPending = loaded.resetReason !== undefined;
  }

  get cursor(): Cursor | undefined {
    return this.#cursor;
  }

  /** Persists a pending reset and removes journals of other generations and a leftover temp file. */
  async tidy(journalGens: readonly number[]): Promise<void> {
    if (this.#resetPending) {
      try {
        await this.#persistReset();
      } catch (error) {
        // Not fatal on open: the cache is empty in memory either way; the next write retries.
        this.#log?.warn(
          { err: error, file: this.#files.snapshot },
          'record cache reset could not be written yet',
        );
        return;
      }
    }
    const stale = journalGens.filter((gen) => gen !== this.#gen).map((gen) => this.#files.journal(gen));
    for (const path of [...stale, this.#files.snapshotTemp]) await this.#remove(path);
  }

  commit(
    upserts: readonly CanonicalRecord[],
    deletes: readonly string[],
    cursor: Cursor | undefined,
  ): Promise<void> {
    return this.#serial(async () => {
      for (const record of upserts) {
        if (record.kind !== this.key.kind) {
          throw new AppError(
            'INTERNAL',
            `A ${record.kind} record (${record.id}) was committed to the ${this.key.kind} stream ${this.key.source}/${this.key.stream}`,
          );
        }
      }
      await this.#writer.append(upserts, deletes, cursor);
      for (const record of upserts) {
        if (this.records.has(record.id)) this.#dead++;
        this.records.set(record);
      }
      // A deletion leaves two dead entries: the record's last row and the delete line itself.
      for (const id of deletes) this.#dead += this.records.delete(id) ? 2 : 1;
      this.#cursor = cursor;
    });
  }

  compact(options: CompactOptions = {}): Promise<void> {
    return this.#serial(async () => {
      if (this.#writer.batchBytes === 0) return;
      // A journal of fresh records loads as fast as a snapshot; only dead entries (replaced versions,
      // deletions) make a load slower, so only they are worth a rewrite of the whole stream.
      if (options.force !== true && this.#dead <= this.records.size * this.#compactRatio) return;
      await this.#rewrite(this.records.values(), this.records.size, this.#cursor);
    });
  }

  clear(): Promise<void> {
    return this.#serial(async () => {
      // Disk first: if the write fails, memory must still match what a reload would give.
      await this.#rewrite([], 0, undefined);
      this.records.clear();
      this.#cursor = undefined;
    });
  }

  close(): Promise<void> {
    const closing = this.#tail.then(() => this.#writer.close());
    this.#closed = true;
    this.#tail = closing.catch(() => undefined);
    return closing;
  }

  /** Runs operations one at a time, in call order, and refuses them once closed. */
  #serial(operation: () => Promise<void>): Promise<void> {
    if (this.#closed) {
      return Promise.reject(
        new AppError('INTERNAL', `The record cache of ${this.key.source}/${this.key.stream} is closed`),
      );
    }
    const run = this.#tail.then(async () => {
      if (this.#resetPending) await this.#persistReset();
      await operation();
    });
    this.#tail = run.catch(() => undefined);
    return run;
  }

  async #persistReset(): Promise<void> {
    await this.#rewrite([], 0, undefined);
    this.#resetPending = false;
  }

  /** Writes snapshot generation gen+1 with the given content, then switches to its (empty) journal. */
  async #rewrite(
    records: Iterable<CanonicalRecord>,
    count: number,
    cursor: Cursor | undefined,
  ): Promise<void> {
    const gen = this.#gen + 1;
    await writeSnapshot(this.#files, this.#layout, { gen, cursor, count, records });
    this.#dead = 0;
    const old = this.#writer;
    this.#gen = gen;
    this.#writer = new JournalWriter(this.#files.journal(gen), this.#layout, gen);
    await old.close().catch(() => undefined);
    // From here the old journal is ignored (wrong generation); removing it only frees the space.
    await this.#remove(old.path);
  }

  async #remove(path: string): Promise<void> {
    try {
      await unlink(path);
    } catch (error) {
      if (!isNotFound(error))
        this.#log?.warn({ err: error, file: path }, 'could not remove a stale record cache file');
    }
  }
}
