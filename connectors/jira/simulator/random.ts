// Seeded pseudo-random numbers for the Jira simulator: the shared generator plus UUID-layout ids.
import { SeededRandom } from '../../../src/lib/seeded-random.js';

export { hashSeed } from '../../../src/lib/seeded-random.js';

export class Random extends SeededRandom {
  /** A 32-hex-digit id in UUID layout (Assets workspace ids, account ids). */
  uuid(): string {
    const hex = Array.from({ length: 4 }, () => this.uint32().toString(16).padStart(8, '0')).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }
}
