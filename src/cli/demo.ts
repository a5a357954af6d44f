// `iso20k demo` (and `npm start`): the embedded default. Starts a simulated ServiceNow instance, runs a full
// sync, changes data behind our back (updates, inserts, deletions), runs an incremental sync, and checks
// that the local cache equals the instance.
import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import { connectorSchemas } from '../../connectors/index.js';
import { createServiceNowSimulator } from '../../connectors/servicenow/simulator/index.js';
import type { ServiceNowSimulator } from '../../connectors/servicenow/simulator/index.js';
import { createJiraSimulator, type JiraSimulator } from '../../connectors/jira/simulator/index.js';
import { renderFindingsBySource } from './render-by-source.js';
import { loadConfig } from '../settings/load.js';
import { createRecordCache } from '../state/record-cache.js';
import type { CliContext } from './context.js';
import { reportError, shutdownSignal } from './fail.js';
import { runPollCommand } from './poll-command.js';
import { skipsWithIncidentsOnly } from './demo-skips.js';
import { packDirOf } from './pack-location.js';
import { projectRoot } from './project-root.js';

interface DemoOptions {
  dataDir?: string;
  incidents: string;
  seed: string;
}

export function registerDemoCommand(program: Command, ctx: CliContext): void {
  program
    .command('demo')
    .description(
      'the embedded demo: simulated ServiceNow and Jira, a full sync, gap tickets in both, changes, an incremental sync',
    )
    .option('--data-dir <dir>', 'keep the demo data here (default: a new temporary folder)')
    .option('--incidents <n>', 'incidents in the simulated instance', '5000')
    .option('--seed <n>', 'seed of the simulated data', '20000')
    .action(async (options: DemoOptions) => {
      const shutdown = shutdownSignal();
      let simulator: ServiceNowSimulator | undefined;
      let jira: JiraSimulator | undefined;
      try {
        const password = randomBytes(12).toString('hex');
        const incidents = Number(options.incidents);
        simulator = createServiceNowSimulator({
          seed: Number(options.seed),
          incidents,
          changes: Math.round(incidents / 5),
          problems: Math.round(incidents / 40),
          requests: Math.round(incidents / 3),
          auth: { users: [{ username: 'iso20k-demo', password, deniedTables: [] }] },
        });
        const url = await simulator.listen();
        ctx.out(
          `Simulated ServiceNow instance at ${url} (${incidents.toLocaleString('en-US')} incidents, seed ${options.seed}).`,
        );
        const jiraToken = randomBytes(12).toString('hex');
        const jiraEmail = 'iso20k-demo@example.com';
        jira = createJiraSimulator({
          seed: Number(options.seed),
          incidents: Math.round(incidents / 5),
          changes: Math.round(incidents / 25),
          accounts: [{ email: jiraEmail, apiToken: jiraToken }],
        });
        const jiraUrl = await jira.listen();
        ctx.out(`Simulated Jira Cloud site with JSM and Assets at ${jiraUrl} (${jira.store.size} issues).`);
        const env = {
          ...ctx.env,
          ISO20K_DEMO_SERVICENOW_URL: url,
          ISO20K_DEMO_SERVICENOW_USER: 'iso20k-demo',
          ISO20K_DEMO_SERVICENOW_PASSWORD: password,
          ISO20K_DEMO_JIRA_URL: jiraUrl,
          ISO20K_DEMO_JIRA_EMAIL: jiraEmail,
          ISO20K_DEMO_JIRA_TOKEN: jiraToken,
        };
        const config = await loadConfig(path.join(projectRoot(import.meta.url), 'config', 'demo.yaml'), {
          env,
          ...connectorSchemas(),
        });
        config.dataDir = options.dataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'iso20k-demo-')));
        ctx.out(`Data directory: ${config.dataDir}\n`);

        ctx.out('1. Full sync');
        const first = await runPollCommand(config, ctx, { trigger: 'demo', signal: shutdown.signal });
        if (first.exitCode !== 0) return ctx.setExitCode(first.exitCode);
        ctx.out(
          '\n   One rule file judges both systems alike (records failed/judged per source, some controls):',
        );
        ctx.out(indent(renderFindingsBySource(first.assessment), '   '));

        const updated =
          simulator.store.update('incident', 120).length +
          simulator.store.update('change_request', 30).length;
        const inserted = simulator.store.insert('incident', 25).length;
        const deleted = simulator.store.delete('incident', 10).length;
        const jiraUpdated = jira.store.update(40).length;
        // The service desk fixes the classification of every incident: those tickets resolve.
        const incidentIds = simulator.store.sysIds('incident');
        simulator.store.update('incident', incidentIds.length, {
          sysIds: incidentIds,
          fields: {
            category: 'software',
            subcategory: 'email',
            impact: '2',
            urgency: '2',
            priority: '3',
            business_service: simulator.store.sysIds('cmdb_ci_service')[0] ?? '',
          },
        });
        ctx.out(
          `\n2. Meanwhile at the instance: ${updated} records updated, ${inserted} incidents created, ${deleted} deleted,` +
            ` and the service desk classified all ${incidentIds.length.toLocaleString('en-US')} incidents properly;` +
            ` in Jira, ${jiraUpdated} issues updated.`,
        );
        ctx.out('   Incremental sync (only the changes, plus the overlap window):');
        const second = await runPollCommand(config, ctx, { trigger: 'demo', signal: shutdown.signal });
        if (second.exitCode !== 0) return ctx.setExitCode(second.exitCode);

        const cache = createRecordCache({ dir: config.dataDir });
        const stream = await cache.open({ source: 'demo-snow', stream: 'incident', kind: 'incident' });
        const expected = simulator.store.sysIds('incident');
        const same =
          expected.length === stream.records.size && expected.every((id) => stream.records.has(id));
        const incidentsOnly = [...stream.records.values()];
        await stream.close();
        const lines = await skipsWithIncidentsOnly(packDirOf(config), incidentsOnly, new Date());
        ctx.out(
          `\n3. The cache holds ${stream.records.size.toLocaleString('en-US')} incidents; the instance has ` +
            `${expected.length.toLocaleString('en-US')}: ${same ? 'identical' : 'DIFFERENT'}.`,
        );
        ctx.out(`\n4. The same pack over the incidents alone (a source with no other kinds):`);
        for (const line of lines) ctx.out(`   ${line}`);
        ctx.setExitCode(same ? 0 : 1);
      } catch (error) {
        reportError(error, ctx);
      } finally {
        shutdown.dispose();
        await simulator?.close();
        await jira?.close();
      }
    });
}

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((line) => prefix + line)
    .join('\n');
}
