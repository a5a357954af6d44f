// Public API of the Jira simulator: a Fastify app faithful to Jira Cloud REST v3, JSM and Assets
// (itsm-apis.md parts B and E), seeded with ITSM data, with auth, faults, search lag and mutation hooks.
//
//   const sim = createJiraSimulator({ seed: 7, incidents: 5000, searchLagMs: 500 });
//   const url = await sim.listen();            // http://127.0.0.1:<port>; Assets under the same origin
//   sim.store.update(10);                      // behind the client's back
//   sim.counters.writeCount();                 // writes the sink made
//   await sim.close();
import type { FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import { JiraRequestCounters } from './counters.js';
import { JiraFaultInjector } from './faults.js';
import { generateAssets } from './generate-assets.js';
import { generateIssues } from './generate-issues.js';
import { buildJiraApp } from './http/app.js';
import { IssueStore } from './issue-store.js';
import type { SimAsset } from './model.js';
import {
  JiraSimulatorOptionsSchema,
  type JiraSimulatorOptions,
  type ResolvedJiraSimulatorOptions,
} from './options.js';
import { hashSeed, Random } from './random.js';

export interface JiraSimulator {
  readonly app: FastifyInstance;
  /** Issues: lookups and mutations for tests. */
  readonly store: IssueStore;
  readonly assets: readonly SimAsset[];
  readonly workspaceId: string;
  /** accountId by e-mail. */
  readonly accountIds: ReadonlyMap<string, string>;
  readonly faults: JiraFaultInjector;
  readonly counters: JiraRequestCounters;
  readonly options: ResolvedJiraSimulatorOptions;
  /** Changes how long a created issue stays invisible to search. */
  setSearchLag(ms: number): void;
  /** Every `every`-th search page first updates `count` random issues of `issueType`; count 0 stops it. */
  mutateWhilePaging(every: number, count: number, issueType?: string): void;
  /** Changes how long page tokens stay valid. */
  setTokenTtl(ms: number): void;
  /** Starts listening (default 127.0.0.1, port 0 = any free port); returns the base URL. */
  listen(host?: string, port?: number): Promise<string>;
  close(): Promise<void>;
}

export function createJiraSimulator(input: JiraSimulatorOptions = {}): JiraSimulator {
  const options = JiraSimulatorOptionsSchema.parse(input);
  const now = options.now ?? Date.now;
  const start = now();
  const rng = new Random(hashSeed(options.seed, 'site'));
  const workspaceId = rng.uuid();
  const accountIds = new Map(options.accounts.map((a) => [a.email, `712020:${rng.uuid()}`]));
  const agents = [...accountIds.values(), ...Array.from({ length: 12 }, () => `712020:${rng.uuid()}`)];
  const assets = options.jsm && options.assets ? generateAssets(options.seed, start, options, agents) : [];
  const issues = generateIssues(options, {
    seed: options.seed,
    now: start,
    accounts: agents,
    workspaceId,
    serviceIds: assets.filter((a) => a.typeId === 1).map((a) => a.id),
    ciIds: assets.filter((a) => a.typeId !== 1).map((a) => a.id),
    sameMinute: options.sameMinute,
  });
  const store = new IssueStore(issues, now);
  const faults = new JiraFaultInjector(options.faults, options.seed);
  const counters = new JiraRequestCounters();
  let searchLagMs = options.searchLagMs;
  let tokenTtlMs = options.tokenTtlMs;
  let mutation = options.mutateWhilePaging;
  let searchPages = 0;
  const mutationRandom = new Random(hashSeed(options.seed, 'mutations'));
  const beforeSearchPage = () => {
    searchPages++;
    if (mutation === undefined || mutation.count === 0 || searchPages % mutation.every !== 0) return;
    const type = mutation.issueType;
    store.updateRandom(
      mutation.count,
      () => mutationRandom.next(),
      type === undefined ? undefined : (i) => i.issueType === type,
    );
  };
  const app = buildJiraApp(
    {
      store,
      assets,
      workspaceId,
      accounts: options.accounts,
      accountIds,
      faults,
      counters,
      now,
      searchLagMs: () => searchLagMs,
      tokenTtlMs: () => tokenTtlMs,
      jsm: options.jsm,
      deployment: options.deployment,
      // Data Center's Assets (Insight) has another API, which the simulator does not serve.
      assetsEnabled: options.jsm && options.assets && options.deployment === 'cloud',
      beforeSearchPage,
      accountOf: new WeakMap(),
    },
    options.logger,
  );
  return {
    app,
    store,
    assets,
    workspaceId,
    accountIds,
    faults,
    counters,
    options,
    setSearchLag: (ms) => void (searchLagMs = ms),
    setTokenTtl: (ms) => void (tokenTtlMs = ms),
    mutateWhilePaging: (every, count, issueType) => {
      mutation = issueType === undefined ? { every, count } : { every, count, issueType };
    },
    async listen(host = '127.0.0.1', port = 0) {
      await app.listen({ host, port });
      const address = app.server.address() as AddressInfo;
      return `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
    },
    close: () => app.close(),
  };
}

export {
  JiraSimulatorOptionsSchema,
  JiraFaultSettingsSchema,
  spreadJiraFaultRate,
  type JiraSimulatorOptions,
  type ResolvedJiraSimulatorOptions,
  type JiraFaultSettingsInput,
  type SimAccount,
} from './options.js';
export type { IssueStore, UpdateOptions } from './issue-store.js';
export type { JiraFaultInjector } from './faults.js';
export type { JiraRequestCounters, JiraCounterSnapshot } from './counters.js';
export type { SimIssue, SimAsset } from './model.js';
export { CF as JIRA_SIM_FIELDS } from './catalogue.js';
