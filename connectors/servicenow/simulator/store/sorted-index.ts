// A list of row numbers kept sorted by a key (for instance (sys_updated_on, sys_id)). Keyset pages binary
// search into it instead of scanning the table; updates remove a row and merge it back at its new key.

export type RowCompare = (a: number, b: number) => number;

export class SortedIndex {
  private rows = new Int32Array(0);
  private count = 0;

  constructor(private readonly compare: RowCompare) {}

  get length(): number {
    return this.count;
  }

  /** The row at a position (0 <= pos < length). */
  at(pos: number): number {
    return this.rows[pos] ?? -1;
  }

  /** Replaces the content with `rows`, sorted. */
  build(rows: Int32Array): void {
    this.rows = rows.slice().sort(this.compare);
    this.count = this.rows.length;
  }

  /**
   * The first position whose row satisfies `pred`, where `pred` is false for a prefix and true after it
   * (a monotone predicate); `length` when it never holds.
   */
  firstWhere(pred: (row: number) => boolean): number {
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (pred(this.rows[mid] ?? -1)) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** The position of `row`, found through its current key; -1 when absent. */
  positionOf(row: number): number {
    let pos = this.firstWhere((r) => this.compare(r, row) >= 0);
    while (pos < this.count && this.rows[pos] !== row) {
      if (this.compare(this.rows[pos] ?? -1, row) !== 0) return -1;
      pos++;
    }
    return pos < this.count ? pos : -1;
  }

  /** Removes rows while their keys are still the ones they were indexed under. */
  remove(rows: readonly number[]): void {
    const positions = rows.map((r) => this.positionOf(r)).filter((p) => p >= 0);
    if (positions.length === 0) return;
    positions.sort((a, b) => a - b);
    let write = positions[0] ?? 0;
    let skip = 0;
    for (let read = write; read < this.count; read++) {
      if (skip < positions.length && positions[skip] === read) {
        skip++;
        continue;
      }
      this.rows[write++] = this.rows[read] ?? -1;
    }
    this.count = write;
  }

  /** Adds rows at their keys (one binary search each for a few, a merge for many). */
  insert(rows: readonly number[]): void {
    if (rows.length === 0) return;
    const incoming = Int32Array.from(rows).sort(this.compare);
    const needed = this.count + incoming.length;
    if (this.rows.length < needed) {
      const next = new Int32Array(Math.max(needed, this.rows.length * 2, 16));
      next.set(this.rows.subarray(0, this.count));
      this.rows = next;
    }
    if (incoming.length <= 16) {
      for (const row of incoming) {
        const pos = this.firstWhere((r) => this.compare(r, row) > 0);
        this.rows.copyWithin(pos + 1, pos, this.count);
        this.rows[pos] = row;
        this.count++;
      }
      return;
    }
    // Merge from the back so nothing is overwritten before it is read.
    let a = this.count - 1;
    let b = incoming.length - 1;
    let w = needed - 1;
    while (b >= 0) {
      const ra = a >= 0 ? (this.rows[a] ?? -1) : -1;
      const rb = incoming[b] ?? -1;
      if (a >= 0 && this.compare(ra, rb) > 0) {
        this.rows[w--] = ra;
        a--;
      } else {
        this.rows[w--] = rb;
        b--;
      }
    }
    this.count = needed;
  }
}
