// The simulator's issues: lookups by id and key, an index in (updated, id) order for incremental searches
// and one in id order for sweeps (rebuilt lazily after writes), and the mutations tests drive.
import type { SimIssue } from './model.js';
import { status } from './catalogue.js';

export interface UpdateOptions {
  /** Which issues (by id); default: `count` issues picked evenly over the store. */
  ids?: number[];
  /** The new `updated`; default the clock's now. Several issues may share it (a bulk edit). */
  at?: number;
  /** Summary to set (a visible content change). */
  summary?: string;
}

export class IssueStore {
  private readonly byId = new Map<number, SimIssue>();
  private readonly byKey = new Map<string, SimIssue>();
  private updatedOrder: SimIssue[] = [];
  private idOrder: SimIssue[] = [];
  private dirty = true;
  private nextId: number;
  private readonly numbers = new Map<string, number>();

  constructor(
    issues: SimIssue[],
    private readonly now: () => number,
  ) {
    let max = 9_999;
    for (const issue of issues) {
      this.add(issue);
      max = Math.max(max, issue.id);
    }
    this.nextId = max + 1;
  }

  private add(issue: SimIssue): void {
    this.byId.set(issue.id, issue);
    this.byKey.set(issue.key, issue);
    const n = Number(issue.key.slice(issue.key.lastIndexOf('-') + 1));
    this.numbers.set(issue.project.key, Math.max(this.numbers.get(issue.project.key) ?? 0, n));
    this.dirty = true;
  }

  get size(): number {
    return this.byId.size;
  }

  get(idOrKey: string): SimIssue | undefined {
    return /^\d+$/.test(idOrKey) ? this.byId.get(Number(idOrKey)) : this.byKey.get(idOrKey.toUpperCase());
  }

  all(): IterableIterator<SimIssue> {
    return this.byId.values();
  }

  /** Issues in (updated, id) ascending order. */
  inUpdatedOrder(): readonly SimIssue[] {
    this.reindex();
    return this.updatedOrder;
  }

  inIdOrder(): readonly SimIssue[] {
    this.reindex();
    return this.idOrder;
  }

  private reindex(): void {
    if (!this.dirty) return;
    const list = [...this.byId.values()];
    this.idOrder = list.slice().sort((a, b) => a.id - b.id);
    this.updatedOrder = list.sort((a, b) => a.updated - b.updated || a.id - b.id);
    this.dirty = false;
  }

  /** Marks an issue changed now (or at `at`): it moves to the end of the updated order. */
  touch(issue: SimIssue, at = this.now()): void {
    issue.updated = Math.max(at, issue.created);
    this.dirty = true;
  }

  /** Picks `count` issues spread evenly over the id order, so tests need not know ids. */
  pick(count: number, filter: (issue: SimIssue) => boolean = () => true): SimIssue[] {
    const candidates = this.inIdOrder().filter(filter);
    if (count >= candidates.length) return candidates;
    const step = candidates.length / count;
    return Array.from({ length: count }, (_, i) => candidates[Math.floor(i * step)]!);
  }

  /** Updates `count` random issues (drawn with `random`, a function in [0, 1)) matching `filter`. */
  updateRandom(
    count: number,
    random: () => number,
    filter: (issue: SimIssue) => boolean = () => true,
  ): number[] {
    const candidates = this.inIdOrder().filter(filter);
    const ids = new Set<number>();
    while (ids.size < Math.min(count, candidates.length))
      ids.add(candidates[Math.floor(random() * candidates.length)]!.id);
    return this.update(ids.size, { ids: [...ids] });
  }

  /** Updates issues behind the client's back; returns their ids. */
  update(count: number, options: UpdateOptions = {}): number[] {
    const targets =
      options.ids?.map((id) => this.byId.get(id)).filter((i) => i !== undefined) ?? this.pick(count);
    const at = options.at ?? this.now();
    for (const issue of targets) {
      const old = issue.summary;
      issue.summary = options.summary ?? `${old.replace(/ \(edited \d+\)$/, '')} (edited ${at})`;
      issue.history.push({
        id: `${issue.id}-${issue.history.length}`,
        created: at,
        author: issue.reporter,
        items: [{ field: 'summary', fromString: old, toString: issue.summary }],
      });
      this.touch(issue, at);
    }
    return targets.map((i) => i.id);
  }

  delete(count: number, ids?: number[]): number[] {
    const targets = ids?.map((id) => this.byId.get(id)).filter((i) => i !== undefined) ?? this.pick(count);
    for (const issue of targets) {
      this.byId.delete(issue.id);
      this.byKey.delete(issue.key);
    }
    this.dirty = true;
    return targets.map((i) => i.id);
  }

  /** A new issue, numbered as Jira would; visible to search after `searchLagMs`. */
  create(
    fields: Omit<SimIssue, 'id' | 'key' | 'created' | 'updated' | 'visibleAt'>,
    searchLagMs: number,
  ): SimIssue {
    const at = this.now();
    const n = (this.numbers.get(fields.project.key) ?? 0) + 1;
    const issue: SimIssue = {
      ...fields,
      id: this.nextId++,
      key: `${fields.project.key}-${n}`,
      created: at,
      updated: at,
      visibleAt: at + searchLagMs,
    };
    this.add(issue);
    return issue;
  }

  /** Moves an issue to a status by name, with a changelog entry. */
  transition(issue: SimIssue, to: string, resolution: string | null): void {
    const target = status(to);
    const at = this.now();
    issue.history.push({
      id: `${issue.id}-${issue.history.length}`,
      created: at,
      author: issue.reporter,
      items: [{ field: 'status', fromString: issue.status.name, toString: target.name }],
    });
    issue.status = target;
    if (target.category === 'done') {
      issue.resolution = resolution ?? 'Done';
      issue.resolutiondate = at;
    } else {
      issue.resolution = null;
      issue.resolutiondate = null;
    }
    this.touch(issue, at);
  }
}
