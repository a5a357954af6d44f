// What tests assert on: requests by status and by route, and every write call (the sink's tests count
// creates, transitions, comments and property writes).

export interface JiraCounterSnapshot {
  total: number;
  byStatus: Record<string, number>;
  /** "POST /rest/api/3/search/jql": 12 (route patterns, not URLs). */
  byRoute: Record<string, number>;
  /** Write calls by route pattern (POST, PUT, DELETE outside /search and AQL). */
  writes: Record<string, number>;
  resets: number;
}

export class JiraRequestCounters {
  private snapshotData: JiraCounterSnapshot = { total: 0, byStatus: {}, byRoute: {}, writes: {}, resets: 0 };

  answered(route: string, status: number, isWrite: boolean): void {
    const s = this.snapshotData;
    s.total++;
    s.byStatus[String(status)] = (s.byStatus[String(status)] ?? 0) + 1;
    s.byRoute[route] = (s.byRoute[route] ?? 0) + 1;
    if (isWrite) s.writes[route] = (s.writes[route] ?? 0) + 1;
  }

  reset(): void {
    this.snapshotData.resets++;
  }

  /** All write calls so far. */
  writeCount(): number {
    return Object.values(this.snapshotData.writes).reduce((a, b) => a + b, 0);
  }

  clear(): void {
    this.snapshotData = { total: 0, byStatus: {}, byRoute: {}, writes: {}, resets: 0 };
  }

  snapshot(): JiraCounterSnapshot {
    return structuredClone(this.snapshotData);
  }
}
