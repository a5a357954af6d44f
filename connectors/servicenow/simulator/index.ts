// Public API of the ServiceNow simulator: a Fastify app faithful to the Table API (itsm-apis.md part A),
// seeded with realistic ITSM data, with auth, fault injection and mutation hooks for tests.
//
//   const sim = createServiceNowSimulator({ seed: 7, incidents: 5000, faults: { tooManyRequests: 0.05 } });
//   const url = await sim.listen();            // http://127.0.0.1:<port>
//   sim.store.update('incident', 10);          // behind the client's back
//   await sim.close();
import type { FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import { AuthRegistry } from './auth.js';
import { SimClock } from './clock.js';
import { RequestCounters } from './counters.js';
import { FaultInjector } from './faults.js';
import { generateAll } from './generate/generate-all.js';
import { buildApp } from './http/app.js';
import { Mutator } from './mutations.js';
import { SimulatorOptionsSchema, type ResolvedSimulatorOptions, type SimulatorOptions } from './options.js';
import { hashSeed, Random } from './random.js';
import { simulatorStore, type SimulatorStore } from './simulator-store.js';
import { Database } from './store/database.js';

export interface ServiceNowSimulator {
  readonly app: FastifyInstance;
  /** Data access and mutations for tests. */
  readonly store: SimulatorStore;
  /** Fault settings (set, clear, setHibernating) and injected-fault counts. */
  readonly faults: FaultInjector;
  /** Requests answered, by status. */
  readonly counters: RequestCounters;
  readonly clock: SimClock;
  readonly auth: AuthRegistry;
  readonly options: ResolvedSimulatorOptions;
  /** Starts listening (default 127.0.0.1, port 0 = any free port) and returns the base URL. */
  listen(host?: string, port?: number): Promise<string>;
  close(): Promise<void>;
}

/** Builds a simulator: generates its data (synchronously; ~8 s per million incidents) and its app. */
export function createServiceNowSimulator(input: SimulatorOptions = {}): ServiceNowSimulator {
  const options = SimulatorOptionsSchema.parse(input);
  const clock = new SimClock(options.now ?? Date.now);
  const db = new Database();
  generateAll(
    db,
    options.seed,
    clock.nowSeconds(),
    {
      users: options.users,
      groups: options.groups,
      services: options.services,
      cis: options.cis,
      relations: options.relations ?? Math.round(options.cis * 1.5),
      changes: options.changes,
      problems: options.problems,
      incidents: options.incidents,
      requests: options.requests,
      slas: options.slas ?? options.incidents + options.requests,
      knowledge: options.knowledge,
      reviews: options.reviews,
    },
    options.sameSecond,
  );
  const faults = new FaultInjector(options.faults, options.seed);
  const counters = new RequestCounters();
  const auth = new AuthRegistry(options.auth, clock);
  const mutator = new Mutator(db, clock, options.seed, options.mutateWhilePaging);
  const app = buildApp(
    {
      db,
      clock,
      auth,
      faults,
      counters,
      mutator,
      writeRng: new Random(hashSeed(options.seed, 'writes')),
      baseUrl: options.baseUrl,
      users: new WeakMap(),
    },
    options.logger,
  );
  return {
    app,
    store: simulatorStore(db, mutator),
    faults,
    counters,
    clock,
    auth,
    options,
    async listen(host = '127.0.0.1', port = 0) {
      await app.listen({ host, port });
      const address = app.server.address() as AddressInfo;
      const shown = host.includes(':') ? `[${host}]` : host;
      return `http://${shown}:${address.port}`;
    },
    close: () => app.close(),
  };
}

export {
  SimulatorOptionsSchema,
  FaultSettingsSchema,
  AuthSettingsSchema,
  spreadFaultRate,
  type SimulatorOptions,
  type ResolvedSimulatorOptions,
  type FaultSettings,
  type FaultSettingsInput,
  type AuthSettings,
  type MutateWhilePaging,
} from './options.js';
export type { SimulatorStore } from './simulator-store.js';
export type { FaultInjector, FaultKind } from './faults.js';
export type { RequestCounters, CounterSnapshot } from './counters.js';
export type { SimClock } from './clock.js';
export type { AuthRegistry } from './auth.js';
export type { UpdateOptions } from './mutations.js';
