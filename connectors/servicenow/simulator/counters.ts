// Request counters of one simulator: what tests assert on ("the client retried three times").
export interface CounterSnapshot {
  /** Requests answered on /api/now and /oauth_token.do. */
  readonly total: number;
  /** By HTTP status ("200": 17, "429": 3). */
  readonly byStatus: Readonly<Record<string, number>>;
  /** List (GET collection) requests per table. */
  readonly listsByTable: Readonly<Record<string, number>>;
  /** Connections destroyed without an answer. */
  readonly resets: number;
  /** Writes answered (POST, PATCH, PUT, DELETE on the Table API), whatever their status. */
  readonly writes: number;
}

export class RequestCounters {
  private total = 0;
  private byStatus: Record<string, number> = {};
  private lists: Record<string, number> = {};
  private resets = 0;
  private writes = 0;

  status(code: number, method = 'GET'): void {
    this.total++;
    if (method !== 'GET' && method !== 'HEAD') this.writes++;
    const key = String(code);
    this.byStatus[key] = (this.byStatus[key] ?? 0) + 1;
  }

  list(table: string): number {
    this.lists[table] = (this.lists[table] ?? 0) + 1;
    return this.lists[table];
  }

  reset(): void {
    this.resets++;
  }

  clear(): void {
    this.total = 0;
    this.byStatus = {};
    this.lists = {};
    this.resets = 0;
    this.writes = 0;
  }

  snapshot(): CounterSnapshot {
    return {
      total: this.total,
      byStatus: { ...this.byStatus },
      listsByTable: { ...this.lists },
      resets: this.resets,
      writes: this.writes,
    };
  }
}
