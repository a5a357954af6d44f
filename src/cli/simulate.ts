// `iso20k simulate servicenow` (and `simulate jira`, simulate-jira.ts): runs the ServiceNow simulator on a local port until SIGINT or SIGTERM,
// for demos, manual exploration and benchmarks. Prints the base URL on the first line of stdout.
import type { Command } from 'commander';
import {
  createServiceNowSimulator,
  spreadFaultRate,
  type SimulatorOptions,
} from '../../connectors/servicenow/simulator/index.js';
import type { CliContext } from './context.js';
import { registerJiraSimulateCommand } from './simulate-jira.js';
import { fraction, integer, untilStopped } from './simulate-args.js';

/** Record-count options, one per generated table (flag name -> option key). */
const COUNTS = [
  ['incidents', 'incidents'],
  ['changes', 'changes'],
  ['problems', 'problems'],
  ['requests', 'requests (sc_req_item)'],
  ['slas', 'task_sla records'],
  ['cis', 'configuration items'],
  ['services', 'business services'],
  ['relations', 'CI relations'],
  ['knowledge', 'knowledge articles'],
  ['reviews', 'governance reviews'],
  ['users', 'users'],
  ['groups', 'groups'],
] as const;

interface SimulateFlags {
  host: string;
  port: number;
  seed: number;
  sameSecond?: number;
  faultRate?: number;
  latencyMs?: number;
  retryAfter?: number;
  hibernate?: boolean;
  user: string;
  password: string;
  clientId: string;
  clientSecret: string;
  tokenTtl?: number;
  auth: boolean;
  baseUrl?: string;
  [count: string]: unknown;
}

function toOptions(flags: SimulateFlags): SimulatorOptions {
  const counts: Record<string, number> = {};
  for (const [key] of COUNTS) if (typeof flags[key] === 'number') counts[key] = flags[key];
  return {
    seed: flags.seed,
    ...counts,
    ...(flags.sameSecond !== undefined ? { sameSecond: flags.sameSecond } : {}),
    ...(flags.baseUrl !== undefined ? { baseUrl: flags.baseUrl } : {}),
    auth: {
      required: flags.auth,
      users: [{ username: flags.user, password: flags.password }],
      clients: [{ clientId: flags.clientId, clientSecret: flags.clientSecret, user: flags.user }],
      ...(flags.tokenTtl !== undefined ? { accessTokenTtlSeconds: flags.tokenTtl } : {}),
    },
    faults: {
      ...(flags.faultRate !== undefined ? spreadFaultRate(flags.faultRate) : {}),
      ...(flags.latencyMs !== undefined ? { latencyMs: flags.latencyMs } : {}),
      ...(flags.retryAfter !== undefined ? { retryAfterSeconds: flags.retryAfter } : {}),
      hibernating: flags.hibernate === true,
    },
  };
}

export function registerSimulateCommand(program: Command, ctx: CliContext): void {
  const simulate = program
    .command('simulate')
    .description('run a local simulator of an ITSM system (for demos and tests)');
  const servicenow = simulate
    .command('servicenow')
    .description('serve a simulated ServiceNow Table API with seeded ITSM data until SIGINT/SIGTERM')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--port <n>', 'port to listen on (0 = any free port)', integer, 8080)
    .option('--seed <n>', 'seed of the generated data and of injected faults', integer, 1);
  for (const [key, what] of COUNTS) servicenow.option(`--${key} <n>`, `number of ${what}`, integer);
  servicenow
    .option('--same-second <n>', 'put N incidents on one sys_updated_on second', integer)
    .option(
      '--fault-rate <f>',
      'share of /api/now requests failing (429, 502, 503, 504, reset, truncated)',
      fraction,
    )
    .option('--latency-ms <n>', 'delay added to every /api/now request', integer)
    .option('--retry-after <s>', 'Retry-After of injected 429 answers', integer)
    .option('--hibernate', 'answer like a hibernating developer instance')
    .option('--user <name>', 'basic-auth user', 'admin')
    .option(
      '--password <pw>',
      'basic-auth password (default: $ISO20K_SIM_PASSWORD or "admin")',
      ctx.env.ISO20K_SIM_PASSWORD ?? 'admin',
    )
    .option('--client-id <id>', 'OAuth client id', 'iso20k')
    .option('--client-secret <secret>', 'OAuth client secret', 'iso20k-secret')
    .option('--token-ttl <s>', 'lifetime of OAuth access tokens, seconds', integer)
    .option('--no-auth', 'accept requests without credentials')
    .option('--base-url <url>', 'instance URL used in reference links (default: from the request)')
    .action(async (flags: SimulateFlags) => {
      const started = Date.now();
      const sim = createServiceNowSimulator(toOptions(flags));
      const url = await sim.listen(flags.host, flags.port);
      ctx.out(url);
      const tables = sim.store.db
        .allStores()
        .filter((s) => s.size > 0)
        .map((s) => `${s.name}=${s.size}`)
        .join(' ');
      ctx.err(`ServiceNow simulator ready in ${Date.now() - started} ms (user ${flags.user}); ${tables}`);
      ctx.err(
        'admin routes under /sim/ (counters, faults, hibernate, tables/:table/update|delete|insert); Ctrl-C stops it',
      );
      await untilStopped();
      await sim.close();
      ctx.setExitCode(0);
    });
  registerJiraSimulateCommand(simulate, ctx);
}
