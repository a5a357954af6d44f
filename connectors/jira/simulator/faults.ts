// Deterministic fault injection and a real per-second burst limit. Settings change at run time (tests).
import { JiraFaultSettingsSchema, type JiraFaultSettings, type JiraFaultSettingsInput } from './options.js';
import { hashSeed, Random } from './random.js';

export type JiraFaultKind =
  | 'tooManyRequests'
  | 'badGateway'
  | 'serviceUnavailable'
  | 'gatewayTimeout'
  | 'connectionReset'
  | 'truncatedBody';

const KINDS: readonly JiraFaultKind[] = [
  'tooManyRequests',
  'badGateway',
  'serviceUnavailable',
  'gatewayTimeout',
  'connectionReset',
  'truncatedBody',
];

export class JiraFaultInjector {
  private current: JiraFaultSettings;
  private rng: Random;
  private injected = new Map<JiraFaultKind | 'burstLimit', number>();
  private windowStart = 0;
  private windowCount = 0;

  constructor(settings: JiraFaultSettings, seed: number) {
    this.current = settings;
    this.rng = new Random(hashSeed(settings.seed ?? seed, 'faults'));
  }

  get settings(): JiraFaultSettings {
    return this.current;
  }

  set(patch: Partial<JiraFaultSettingsInput>): JiraFaultSettings {
    this.current = JiraFaultSettingsSchema.parse({ ...this.current, ...patch });
    if (patch.seed !== undefined) this.rng = new Random(hashSeed(patch.seed, 'faults'));
    return this.current;
  }

  clear(): JiraFaultSettings {
    return this.set({
      tooManyRequests: 0,
      badGateway: 0,
      serviceUnavailable: 0,
      gatewayTimeout: 0,
      connectionReset: 0,
      truncatedBody: 0,
      burstPerSecond: 0,
      latencyMs: 0,
      loginPage: false,
    });
  }

  /** Whether the burst limit refuses a request arriving at `now`; the wait until the window ends if so. */
  burst(now: number): number | undefined {
    const limit = this.current.burstPerSecond;
    if (limit === 0) return undefined;
    if (now - this.windowStart >= 1000) {
      this.windowStart = now;
      this.windowCount = 0;
    }
    this.windowCount++;
    if (this.windowCount <= limit) return undefined;
    this.count('burstLimit');
    return this.windowStart + 1000 - now;
  }

  /** Draws the fate of one request. */
  decide(): JiraFaultKind | undefined {
    const r = this.rng.next();
    let acc = 0;
    for (const k of KINDS) {
      acc += this.current[k];
      if (r < acc) {
        this.count(k);
        return k;
      }
    }
    return undefined;
  }

  private count(kind: JiraFaultKind | 'burstLimit'): void {
    this.injected.set(kind, (this.injected.get(kind) ?? 0) + 1);
  }

  /** Faults injected so far, by kind (burstLimit: 429s of the burst limit). */
  counts(): Record<string, number> {
    return Object.fromEntries(this.injected);
  }
}
