// Builds the iso20k command tree. Each command lives in its own file and registers itself here.
import { Command } from 'commander';
import type { CliContext } from './context.js';
import { registerDemoCommand } from './demo.js';
import { registerOnceCommand } from './once.js';
import { registerPlanCommand } from './plan.js';
import { registerImportCommand } from './import.js';
import { registerValidateCommand } from './validate.js';
import { registerSimulateCommand } from './simulate.js';
import { registerReportCommand } from './report.js';
import { registerRunCommand } from './run.js';

export function buildProgram(ctx: CliContext): Command {
  const program = new Command('iso20k')
    .description('ISO/IEC 20000-1:2018 audit-readiness connector for ServiceNow and Jira')
    .showHelpAfterError()
    .configureOutput({ writeOut: (s) => ctx.out(s), writeErr: (s) => ctx.err(s) })
    .exitOverride();
  // Commands (one line each):
  registerSimulateCommand(program, ctx);
  registerDemoCommand(program, ctx);
  registerOnceCommand(program, ctx);
  registerPlanCommand(program, ctx);
  registerImportCommand(program, ctx);
  registerValidateCommand(program, ctx);
  registerReportCommand(program, ctx);
  registerRunCommand(program, ctx);
  return program;
}
