// Seeded pseudo-random numbers for the ServiceNow simulator: the shared generator plus sys_ids.
import { SeededRandom } from '../../../src/lib/seeded-random.js';

export { hashSeed } from '../../../src/lib/seeded-random.js';

export class Random extends SeededRandom {
  /** A ServiceNow sys_id: 32 lowercase hex characters. */
  sysId(): string {
    // One flat string from char codes: concatenating pieces would leave a tree of cons strings per id,
    // costing memory and time in every later comparison (a million ids are sorted at start-up).
    for (let w = 0; w < 4; w++) {
      const n = this.uint32();
      for (let k = 0; k < 8; k++) this.codes[w * 8 + k] = HEX_CODES[(n >>> (28 - 4 * k)) & 15] ?? 48;
    }
    return String.fromCharCode(...this.codes);
  }

  private readonly codes: number[] = new Array<number>(32).fill(48);
}

/** Char codes of 0-9a-f. */
const HEX_CODES = Array.from('0123456789abcdef', (c) => c.charCodeAt(0));
