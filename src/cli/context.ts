// What every CLI command receives: its environment and where to write. Passed explicitly so tests can
// run a command in-process and read what it printed.
export interface CliContext {
  env: NodeJS.ProcessEnv;
  /** Writes one line (or block) to standard output. */
  out: (text: string) => void;
  /** Writes one line (or block) to standard error. */
  err: (text: string) => void;
  /** Whether standard error is a terminal (progress lines are drawn only there). */
  isTTY: boolean;
  /** Sets the process exit code; the last call wins. */
  setExitCode: (code: number) => void;
}

export function processContext(): CliContext {
  return {
    env: process.env,
    out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
    err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
    isTTY: Boolean(process.stderr.isTTY),
    setExitCode: (code) => {
      process.exitCode = code;
    },
  };
}
