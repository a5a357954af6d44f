// The simulator clock: the `now` option (tests control time with it) plus an offset the admin API can
// advance. Token expiry, write timestamps and gs.* date helpers all read it.

export class SimClock {
  private offsetMs = 0;

  constructor(private readonly source: () => number = Date.now) {}

  nowMs(): number {
    return this.source() + this.offsetMs;
  }

  /** Epoch seconds (ServiceNow timestamps have one-second resolution). */
  nowSeconds(): number {
    return Math.floor(this.nowMs() / 1000);
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }
}
