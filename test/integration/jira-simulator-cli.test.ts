// `iso20k simulate jira` as a real process: prints its URL, serves the account and data it was given,
// and stops cleanly on SIGTERM.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';

const ENTRY = [
  "import { Command } from 'commander';",
  "import { processContext } from './src/cli/context.ts';",
  "import { registerSimulateCommand } from './src/cli/simulate.ts';",
  "const program = new Command('iso20k').exitOverride();",
  'registerSimulateCommand(program, processContext());',
  "await program.parseAsync(process.argv.slice(1), { from: 'user' });",
].join('\n');

describe('iso20k simulate jira', () => {
  it('prints the URL, serves the account and issues, and exits 0 on SIGTERM', async () => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        ENTRY,
        '--',
        'simulate',
        'jira',
        '--port',
        '0',
        '--incidents',
        '30',
      ],
      {
        cwd: new URL('../..', import.meta.url).pathname,
        env: { ...process.env, ISO20K_SIM_JIRA_TOKEN: 'from-env' },
      },
    );
    let out = '';
    for await (const chunk of child.stdout) {
      out += String(chunk);
      if (out.includes('\n')) break;
    }
    const url = out.split('\n')[0]!;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const auth = `Basic ${Buffer.from('bot@example.com:from-env').toString('base64')}`;
    const myself = await fetch(`${url}/rest/api/3/myself`, { headers: { authorization: auth } });
    expect(myself.status).toBe(200);
    const search = await fetch(`${url}/rest/api/3/search/jql`, {
      method: 'POST',
      headers: { authorization: auth, 'content-type': 'application/json' },
      body: JSON.stringify({ jql: 'project = ITSM AND issuetype = Incident', maxResults: 100 }),
    });
    expect(((await search.json()) as { issues: unknown[] }).issues).toHaveLength(30);
    const denied = await fetch(`${url}/rest/api/3/myself`, {
      headers: { authorization: `Basic ${Buffer.from('bot@example.com:token').toString('base64')}` },
    });
    expect(denied.status).toBe(401);
    child.kill('SIGTERM');
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(0);
  }, 30_000);
});
