// Where a stream's cache files live. Stream names are free text ("ci:cmdb_ci_server"), so they are
// escaped into portable file names: letters, digits, "_" and "-" stay, every other byte becomes %XX.
import { join } from 'node:path';

/** The cache files of one (source, stream). */
export interface StreamFiles {
  /** The source's folder, created before the first write. */
  readonly dir: string;
  /** The compacted state: header line, then one row per record. */
  readonly snapshot: string;
  /** Where a new snapshot is written before it is renamed over the old one. */
  readonly snapshotTemp: string;
  /** The journal that belongs to snapshot generation `gen`. */
  journal(gen: number): string;
}

/** A cache file name taken apart. */
export type CacheFileName =
  { type: 'snapshot'; stream: string } | { type: 'journal'; stream: string; gen: number };

const SNAPSHOT_SUFFIX = '.snap.ndjson';
const JOURNAL_NAME = /^(.+)\.g(\d{1,15})\.journal\.ndjson$/;

/** The folder under a data directory that holds every record cache. */
export function cacheRoot(dataDir: string): string {
  return join(dataDir, 'cache');
}

export function streamFiles(dataDir: string, source: string, stream: string): StreamFiles {
  const dir = join(cacheRoot(dataDir), encodeName(source));
  const base = join(dir, encodeName(stream));
  return {
    dir,
    snapshot: base + SNAPSHOT_SUFFIX,
    snapshotTemp: `${base}${SNAPSHOT_SUFFIX}.tmp`,
    journal: (gen) => `${base}.g${gen}.journal.ndjson`,
  };
}

/** Escapes a source or stream name into one safe path segment (never "", "." or ".."). */
export function encodeName(name: string): string {
  if (name.length === 0) throw new Error('a source or stream name must not be empty');
  let out = '';
  for (const byte of Buffer.from(name, 'utf8')) {
    const keep =
      (byte >= 0x30 && byte <= 0x39) ||
      (byte >= 0x41 && byte <= 0x5a) ||
      (byte >= 0x61 && byte <= 0x7a) ||
      byte === 0x5f ||
      byte === 0x2d;
    out += keep ? String.fromCharCode(byte) : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** The name encodeName escaped, or undefined for a segment it cannot have produced. */
export function decodeName(segment: string): string | undefined {
  if (!/^(?:[A-Za-z0-9_-]|%[0-9A-F]{2})+$/.test(segment)) return undefined;
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/** Recognises a snapshot or journal file name; anything else (temp files, strays) gives undefined. */
export function parseCacheFileName(file: string): CacheFileName | undefined {
  if (file.endsWith(SNAPSHOT_SUFFIX)) {
    const stream = decodeName(file.slice(0, -SNAPSHOT_SUFFIX.length));
    return stream === undefined ? undefined : { type: 'snapshot', stream };
  }
  const match = JOURNAL_NAME.exec(file);
  if (match === null) return undefined;
  const stream = decodeName(match[1] ?? '');
  return stream === undefined ? undefined : { type: 'journal', stream, gen: Number(match[2]) };
}
