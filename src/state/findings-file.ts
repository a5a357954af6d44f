// data/findings.ndjson: the findings ledger, one finding per line, beside state.json. A large site holds
// hundreds of thousands of findings; kept inside state.json they made every write of it (each stream's
// status, each ticket action) rewrite the whole ledger. Here the ledger is written only after an
// assessment, never as one string (V8 strings end near 512 MB), and replaced whole (temp file, fsync,
// rename), so it is always the old or the new complete file.
import { open, rename, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { AppError } from '../contracts/errors.js';
import { FindingSchema, type Finding } from '../contracts/findings.js';
import { ioError, isNotFound, syncDir, writeAll } from './fs-io.js';
import { readJsonLines } from './json-lines-reader.js';

export const FINDINGS_FILE = 'findings.ndjson';

/** Flush to the file every this many characters: bounded memory, few write calls. */
const WRITE_CHUNK_CHARS = 4 << 20;

export async function writeFindingsFile(
  dataDir: string,
  findings: Readonly<Record<string, Finding>>,
): Promise<void> {
  const path = join(dataDir, FINDINGS_FILE);
  const temp = `${path}.tmp`;
  try {
    const handle = await open(temp, 'w');
    try {
      let lines: string[] = [];
      let chars = 0;
      for (const finding of Object.values(findings)) {
        const line = JSON.stringify(finding);
        lines.push(line);
        chars += line.length;
        if (chars < WRITE_CHUNK_CHARS) continue;
        await writeAll(handle, Buffer.from(`${lines.join('\n')}\n`, 'utf8'));
        lines = [];
        chars = 0;
      }
      if (lines.length > 0) await writeAll(handle, Buffer.from(`${lines.join('\n')}\n`, 'utf8'));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
    await syncDir(dirname(path));
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw ioError('write', path, error);
  }
}

/** The ledger in the file, or undefined when there is no file (a new data directory, or an older one). */
export async function readFindingsFile(dataDir: string): Promise<Record<string, Finding> | undefined> {
  const path = join(dataDir, FINDINGS_FILE);
  const findings: Record<string, Finding> = {};
  let line = 0;
  let problem: string | undefined;
  let outcome;
  try {
    outcome = await readJsonLines(path, (values) => {
      for (const value of values) {
        line += 1;
        const parsed = FindingSchema.safeParse(value);
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          problem = `line ${line} is not a finding (${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'})`;
          return false;
        }
        findings[parsed.data.fingerprint] = parsed.data;
      }
      return true;
    });
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw ioError('read', path, error);
  }
  const why = problem ?? (outcome.stop === undefined ? undefined : `after line ${line}: ${outcome.stop}`);
  if (why !== undefined)
    throw new AppError(
      'STATE_CORRUPT',
      `The findings file ${path} cannot be used: ${why}. Move it away and run again; the next assessment rebuilds the findings (their first-seen dates and history start again).`,
      { details: { path } },
    );
  return findings;
}
