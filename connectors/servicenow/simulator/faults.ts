// Deterministic fault injection: one draw per /api/now request from a seeded stream decides whether it
// fails and how. Settings can change at run time (admin API, tests).
import { hashSeed, Random } from './random.js';
import { FaultSettingsSchema, type FaultSettings, type FaultSettingsInput } from './options.js';

export type FaultKind =
  | 'tooManyRequests'
  | 'badGateway'
  | 'serviceUnavailable'
  | 'gatewayTimeout'
  | 'connectionReset'
  | 'truncatedBody';

const KINDS: readonly FaultKind[] = [
  'tooManyRequests',
  'badGateway',
  'serviceUnavailable',
  'gatewayTimeout',
  'connectionReset',
  'truncatedBody',
];

export interface FaultDecision {
  readonly kind: FaultKind | undefined;
  /** Delay before answering, ms. */
  readonly delayMs: number;
}

export class FaultInjector {
  private current: FaultSettings;
  private rng: Random;
  private readonly injected: Record<FaultKind, number> = {
    tooManyRequests: 0,
    badGateway: 0,
    serviceUnavailable: 0,
    gatewayTimeout: 0,
    connectionReset: 0,
    truncatedBody: 0,
  };

  constructor(
    settings: FaultSettings,
    private readonly defaultSeed: number,
  ) {
    this.current = settings;
    this.rng = new Random(hashSeed(settings.seed ?? defaultSeed, 'faults'));
  }

  get settings(): FaultSettings {
    return this.current;
  }

  /** Merges new settings; a new seed restarts the fault stream. */
  set(patch: Partial<FaultSettingsInput>): FaultSettings {
    const next = FaultSettingsSchema.parse({ ...this.current, ...patch });
    if (patch.seed !== undefined) this.rng = new Random(hashSeed(patch.seed, 'faults'));
    this.current = next;
    return next;
  }

  /** Turns every fault off (hibernation included). */
  clear(): FaultSettings {
    return this.set({
      tooManyRequests: 0,
      badGateway: 0,
      serviceUnavailable: 0,
      gatewayTimeout: 0,
      connectionReset: 0,
      truncatedBody: 0,
      latencyMs: 0,
      latencyJitterMs: 0,
      hibernating: false,
    });
  }

  setHibernating(on: boolean): void {
    this.set({ hibernating: on });
  }

  /** Draws the fate of one request. */
  decide(): FaultDecision {
    const s = this.current;
    const r = this.rng.next();
    const jitter = s.latencyJitterMs > 0 ? this.rng.next() * s.latencyJitterMs : 0;
    let acc = 0;
    let kind: FaultKind | undefined;
    for (const k of KINDS) {
      acc += s[k];
      if (r < acc) {
        kind = k;
        break;
      }
    }
    if (kind) this.injected[kind]++;
    return { kind, delayMs: s.latencyMs + jitter };
  }

  /** How many faults of each kind were injected so far. */
  counts(): Readonly<Record<FaultKind, number>> {
    return { ...this.injected };
  }

  resetCounts(): void {
    for (const k of KINDS) this.injected[k] = 0;
  }
}
