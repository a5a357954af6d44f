// `iso20k simulate jira`: runs the Jira Cloud + JSM + Assets simulator on a local port until SIGINT or
// SIGTERM. Prints the base URL on the first line of stdout (Assets answer under the same origin).
import type { Command } from 'commander';
import { createJiraSimulator, spreadJiraFaultRate } from '../../connectors/jira/simulator/index.js';
import type { CliContext } from './context.js';
import { fraction, integer, untilStopped } from './simulate-args.js';

const COUNTS = [
  'incidents',
  'requests',
  'problems',
  'changes',
  'releases',
  'reviews',
  'services',
  'cis',
] as const;

interface JiraFlags {
  host: string;
  port: number;
  seed: number;
  sameMinute?: number;
  faultRate?: number;
  latencyMs?: number;
  searchLagMs?: number;
  email: string;
  apiToken: string;
  [count: string]: unknown;
}

export function registerJiraSimulateCommand(simulate: Command, ctx: CliContext): void {
  const jira = simulate
    .command('jira')
    .description(
      'serve a simulated Jira Cloud site with JSM and Assets and seeded ITSM data until SIGINT/SIGTERM',
    )
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--port <n>', 'port to listen on (0 = any free port)', integer, 8081)
    .option('--seed <n>', 'seed of the generated data and of injected faults', integer, 1);
  for (const key of COUNTS) jira.option(`--${key} <n>`, `number of ${key}`, integer);
  jira
    .option('--same-minute <n>', 'put N incidents on one `updated` minute', integer)
    .option('--fault-rate <f>', 'share of API requests failing (429, 5xx, reset, truncated)', fraction)
    .option('--latency-ms <n>', 'delay added to every API request', integer)
    .option('--search-lag-ms <n>', 'how long a created issue stays invisible to search', integer)
    .option('--email <e>', 'account e-mail', 'bot@example.com')
    .option(
      '--api-token <t>',
      'API token (default: $ISO20K_SIM_JIRA_TOKEN or "token")',
      ctx.env.ISO20K_SIM_JIRA_TOKEN ?? 'token',
    )
    .action(async (flags: JiraFlags) => {
      const counts = Object.fromEntries(
        COUNTS.filter((k) => typeof flags[k] === 'number').map((k) => [k, flags[k] as number]),
      );
      const sim = createJiraSimulator({
        seed: flags.seed,
        ...counts,
        ...(flags.sameMinute === undefined ? {} : { sameMinute: flags.sameMinute }),
        ...(flags.searchLagMs === undefined ? {} : { searchLagMs: flags.searchLagMs }),
        accounts: [{ email: flags.email, apiToken: flags.apiToken }],
        faults: { ...spreadJiraFaultRate(flags.faultRate ?? 0), latencyMs: flags.latencyMs ?? 0 },
      });
      const url = await sim.listen(flags.host, flags.port);
      ctx.out(url);
      ctx.err(
        `Jira simulator ready (${sim.store.size} issues, account ${flags.email}); Assets: set assets.apiUrl to ${url}`,
      );
      ctx.err('admin routes under /sim/ (counters, faults, issues/update|delete); Ctrl-C stops it');
      await untilStopped();
      await sim.close();
      ctx.setExitCode(0);
    });
}
