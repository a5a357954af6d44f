// The records of one stream by id: a ReadonlyMap for callers, with set/delete for the cache itself.
// Why not a Map: inserting a million freshly parsed ids into a V8 Map took over a second of a
// five-second load (each insert hashes in the runtime, records old-to-young pointers for the
// collector, and the table is rehashed as it doubles). Here the table is two Int32Arrays, which hold
// no pointers the collector must trace, probed linearly from a hash computed in JS: a third of the
// time. Iteration follows insertion order, as a Map's does; replacing a record keeps its place.
import type { CanonicalRecord } from '../contracts/records.js';

const EMPTY = -1;
const DELETED = -2;
const MIN_CAPACITY = 16;

export class RecordIndex implements ReadonlyMap<string, CanonicalRecord> {
  /** Insertion order; undefined where a record was deleted. */
  #records: (CanonicalRecord | undefined)[] = [];
  /** Per table slot: the position in #records, EMPTY or DELETED. */
  #slots = new Int32Array(MIN_CAPACITY).fill(EMPTY);
  /** Per table slot: the hash of its record's id, compared before the id itself. */
  #hashes = new Int32Array(MIN_CAPACITY);
  /** Slots not EMPTY (live and DELETED). */
  #used = 0;
  #size = 0;
  /**
   * Open iterators: #records is only compacted when none is, so iteration never skips a record (an
   * iterator dropped half-way without return() leaves holes in place, which costs memory only).
   */
  #iterating = 0;

  get size(): number {
    return this.#size;
  }

  get [Symbol.toStringTag](): string {
    return 'RecordIndex';
  }

  get(id: string): CanonicalRecord | undefined {
    const slot = this.#find(id, hash(id));
    return slot < 0 ? undefined : this.#records[this.#slots[slot]!];
  }

  has(id: string): boolean {
    return this.#find(id, hash(id)) >= 0;
  }

  /** Adds or replaces the record with this id (a replaced record keeps its place in the order). */
  set(record: CanonicalRecord): void {
    const h = hash(record.id);
    const slot = this.#find(record.id, h);
    if (slot >= 0) {
      this.#records[this.#slots[slot]!] = record;
      return;
    }
    if ((this.#used + 1) * 2 > this.#slots.length) {
      this.#rebuild();
      this.set(record);
      return;
    }
    const free = ~slot;
    if (this.#slots[free] === EMPTY) this.#used++;
    this.#slots[free] = this.#records.length;
    this.#hashes[free] = h;
    this.#records.push(record);
    this.#size++;
  }

  delete(id: string): boolean {
    const slot = this.#find(id, hash(id));
    if (slot < 0) return false;
    this.#records[this.#slots[slot]!] = undefined;
    this.#slots[slot] = DELETED;
    this.#size--;
    return true;
  }

  clear(): void {
    this.#records = [];
    this.#slots = new Int32Array(MIN_CAPACITY).fill(EMPTY);
    this.#hashes = new Int32Array(MIN_CAPACITY);
    this.#used = 0;
    this.#size = 0;
  }

  forEach(
    callback: (value: CanonicalRecord, key: string, map: ReadonlyMap<string, CanonicalRecord>) => void,
    thisArg?: unknown,
  ): void {
    for (const record of this.values()) callback.call(thisArg, record, record.id, this);
  }

  *values(): MapIterator<CanonicalRecord> {
    this.#iterating++;
    try {
      // Re-read the array each step: clear() replaces it, and records appended meanwhile are visited.
      for (let i = 0; i < this.#records.length; i++) {
        const record = this.#records[i];
        if (record !== undefined) yield record;
      }
    } finally {
      this.#iterating--;
    }
  }

  *keys(): MapIterator<string> {
    for (const record of this.values()) yield record.id;
  }

  *entries(): MapIterator<[string, CanonicalRecord]> {
    for (const record of this.values()) yield [record.id, record];
  }

  [Symbol.iterator](): MapIterator<[string, CanonicalRecord]> {
    return this.entries();
  }

  /** The slot holding `id`, or ~slot of where it would go (the first DELETED or EMPTY slot seen). */
  #find(id: string, h: number): number {
    const slots = this.#slots;
    const mask = slots.length - 1;
    let free = -1;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const at = slots[slot]!;
      if (at === EMPTY) return ~(free === -1 ? slot : free);
      if (at === DELETED) {
        if (free === -1) free = slot;
      } else if (this.#hashes[slot] === h && this.#records[at]!.id === id) {
        return slot;
      }
    }
  }

  /** A table sized for the live records (dropping DELETED slots); also compacts the order if safe. */
  #rebuild(): void {
    if (this.#iterating === 0 && this.#records.length > this.#size) {
      this.#records = this.#records.filter((record) => record !== undefined);
    }
    let capacity = MIN_CAPACITY;
    while (capacity < (this.#size + 1) * 4) capacity *= 2;
    const slots = new Int32Array(capacity).fill(EMPTY);
    const hashes = new Int32Array(capacity);
    const mask = capacity - 1;
    for (let at = 0; at < this.#records.length; at++) {
      const record = this.#records[at];
      if (record === undefined) continue;
      const h = hash(record.id);
      let slot = h & mask;
      while (slots[slot] !== EMPTY) slot = (slot + 1) & mask;
      slots[slot] = at;
      hashes[slot] = h;
    }
    this.#slots = slots;
    this.#hashes = hashes;
    this.#used = this.#size;
  }
}

/** FNV-1a over the UTF-16 code units, finished with a multiply-xorshift so low bits mix well. */
function hash(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return h ^ (h >>> 12);
}
