// The auditor's sample: about 25 records per kind, drawn reproducibly. Each record gets a rank, the
// SHA-256 of (seed, source, native id); the sample is the records with the lowest ranks. The rank
// depends on neither the order the cache returns records in nor the other records, so the same data and
// the same seed always give the same sample, a new seed gives an independent one, and a record added
// later joins the sample only if its own rank is low enough (bottom-k sampling by hash: every record
// is equally likely to be drawn, without replacement).
import { createHash } from 'node:crypto';

export const SAMPLE_METHOD =
  'Per record kind, every record in the period is ranked by SHA-256(seed, source, native id) and the ' +
  'lowest-ranked records form the sample (bottom-k sampling by hash): each record is equally likely to ' +
  'be drawn, the draw does not depend on the order records are stored in, and the same data with the ' +
  'same seed gives the same sample. Re-run with --seed to reproduce it.';

export interface Sampleable {
  source: string;
  id: string;
}

/** The rank of a record under a seed: 16 hex digits, compared as strings. */
export function sampleRank(seed: string, record: Sampleable): string {
  return createHash('sha256')
    .update(`${seed}\u0000${record.source}\u0000${record.id}`)
    .digest('hex')
    .slice(0, 16);
}

/** The `size` records of lowest rank, in rank order. */
export function drawSample<T extends Sampleable>(records: readonly T[], seed: string, size: number): T[] {
  const ranked = records.map((record) => ({ record, rank: sampleRank(seed, record) }));
  // Ties need two records with the same 64-bit hash prefix; the identity breaks them anyway.
  ranked.sort((a, b) =>
    a.rank !== b.rank
      ? compare(a.rank, b.rank)
      : compare(`${a.record.source}\u0000${a.record.id}`, `${b.record.source}\u0000${b.record.id}`),
  );
  return ranked.slice(0, size).map((r) => r.record);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
