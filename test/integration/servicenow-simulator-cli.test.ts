// `iso20k simulate servicenow` as a real process: prints its URL, serves the options it was given, and
// stops cleanly on SIGTERM. The child loads only the simulate command (through the same registration
// function program.ts uses), so this test does not depend on every other command being in place.
import axios from 'axios';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import type { CliContext } from '../../src/cli/context.js';
import { registerSimulateCommand } from '../../src/cli/simulate.js';

const ENTRY = [
  "import { Command } from 'commander';",
  "import { processContext } from './src/cli/context.ts';",
  "import { registerSimulateCommand } from './src/cli/simulate.ts';",
  "const program = new Command('iso20k').exitOverride();",
  'registerSimulateCommand(program, processContext());',
  "await program.parseAsync(process.argv.slice(1), { from: 'user' });",
].join('\n');

function start(args: string[]): ChildProcessWithoutNullStreams {
  return spawn(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', ENTRY, '--', 'simulate', 'servicenow', ...args],
    {
      cwd: new URL('../..', import.meta.url).pathname,
      env: { ...process.env, ISO20K_SIM_PASSWORD: 'from-env' },
    },
  );
}

async function firstLine(child: ChildProcessWithoutNullStreams): Promise<string> {
  let out = '';
  for await (const chunk of child.stdout) {
    out += String(chunk);
    if (out.includes('\n')) return out.split('\n')[0]!;
  }
  throw new Error(`no output; exit ${String(child.exitCode)}`);
}

describe('iso20k simulate servicenow', () => {
  it('prints the URL, serves the configured data and user, and exits 0 on SIGTERM', async () => {
    const child = start([
      '--port',
      '0',
      '--incidents',
      '250',
      '--changes',
      '30',
      '--seed',
      '4',
      '--user',
      'bob',
      '--latency-ms',
      '1',
    ]);
    let stderr = '';
    child.stderr.on('data', (c) => (stderr += String(c)));
    try {
      const url = await firstLine(child);
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const ok = await axios.get(`${url}/api/now/table/incident?sysparm_limit=1`, {
        auth: { username: 'bob', password: 'from-env' },
      });
      expect(ok.headers['x-total-count']).toBe('250');
      const changes = await axios.get(`${url}/api/now/stats/change_request?sysparm_count=true`, {
        auth: { username: 'bob', password: 'from-env' },
      });
      expect(changes.data).toEqual({ result: { stats: { count: '30' } } });
      const denied = await axios.get(`${url}/api/now/table/incident`, {
        auth: { username: 'admin', password: 'admin' },
        validateStatus: () => true,
      });
      expect(denied.status).toBe(401);
      expect(stderr).toContain('incident=250');
    } finally {
      child.kill('SIGTERM');
    }
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(0);
  });

  it('rejects invalid option values as a usage error', async () => {
    const errors: string[] = [];
    const ctx: CliContext = {
      env: {},
      out: () => undefined,
      err: (t) => errors.push(t),
      isTTY: false,
      setExitCode: () => undefined,
    };
    const program = new Command('iso20k').exitOverride().configureOutput({ writeErr: (s) => ctx.err(s) });
    registerSimulateCommand(program, ctx);
    await expect(
      program.parseAsync(['simulate', 'servicenow', '--fault-rate', '2'], { from: 'user' }),
    ).rejects.toMatchObject({ exitCode: 1, code: 'commander.invalidArgument' });
    expect(errors.join('')).toContain('between 0 and 1');
  });
});
