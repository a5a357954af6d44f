// Turns an error into what the user sees: one line per problem, the fix, and the exit code. Never a stack.
import { AppError, EXIT } from '../contracts/index.js';
import type { CliContext } from './context.js';

export function reportError(error: unknown, ctx: CliContext): void {
  if (error instanceof AppError) {
    // Config problems are already `file:line:col path: message` lines; anything else gets the code appended.
    const located = Array.isArray(error.details['problems']);
    ctx.err(located ? error.message : `iso20k: ${error.message} [${error.code}]`);
    if (!error.code.startsWith('CONFIG_')) ctx.err(`fix: ${error.fix}`);
    ctx.setExitCode(error.exitCode);
    return;
  }
  ctx.err(`iso20k: unexpected error: ${error instanceof Error ? error.message : String(error)}`);
  ctx.setExitCode(EXIT.runFailed);
}

/** An AbortSignal that fires on SIGINT or SIGTERM, so a command can finish its page and commit. */
export function shutdownSignal(): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  const stop = () => controller.abort(new Error('stopped by signal'));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return {
    signal: controller.signal,
    dispose: () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    },
  };
}
