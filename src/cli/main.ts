#!/usr/bin/env node
// Entry point of the iso20k command line.
import { CommanderError } from 'commander';
import { processContext } from './context.js';
import { buildProgram } from './program.js';

const ctx = processContext();
// With no command, `npm start` does the useful thing: poll the configured sources when ISO20K_CONFIG names
// a configuration, otherwise run the embedded demo.
const argv =
  process.argv.length > 2 ? process.argv : [...process.argv, ctx.env['ISO20K_CONFIG'] ? 'once' : 'demo'];
try {
  await buildProgram(ctx).parseAsync(argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // --help and --version exit 0; every other usage mistake is exit 2 (DESIGN section 9).
    process.exitCode = error.exitCode === 0 ? 0 : 2;
  } else {
    ctx.err(`iso20k: unexpected error: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}
