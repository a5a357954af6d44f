// Reads a configuration file: YAML with positions -> ${VAR} interpolation -> zod validation, with every
// problem reported at its line and column, all at once.
import { readFile } from 'node:fs/promises';
import { LineCounter, parseDocument } from 'yaml';
import { AppError } from '../contracts/index.js';
import { coerceInterpolated } from './coerce.js';
import { interpolateDocument } from './env.js';
import { configError, type ConfigProblem } from './format.js';
import { envProblemToProblem, issueToProblems, withoutEnvEchoes, type IssueContext } from './issues.js';
import { configErrorMap } from './messages.js';
import { buildConfigSchema, type AppConfig, type SourceSchemas } from './schema.js';
import { syntaxProblems } from './syntax.js';

export interface LoadDeps {
  /** Where ${VAR} references are resolved. */
  env: NodeJS.ProcessEnv;
  /** The schema of each source type, by `type` (from the connector registry). */
  sourceSchemas: SourceSchemas;
  /** The schema of each ticket sink type, by `type`; without it, no sink can be configured. */
  sinkSchemas?: SourceSchemas;
}

const READ_ERRORS: Partial<Record<string, string>> = {
  ENOENT: 'no such file',
  EISDIR: 'it is a directory',
  EACCES: 'permission denied',
};

/** Rounds of env coercion: one suffices unless a coerced value uncovers another; bounded regardless. */
const COERCE_ROUNDS = 3;

/** Parses and validates configuration text; `fileName` only labels the problems. Throws AppError. */
export function parseConfigText(text: string, fileName: string, deps: LoadDeps): AppConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0)
    throw configError('CONFIG_SYNTAX', fileName, syntaxProblems(doc.errors, fileName, lineCounter));
  if (doc.contents === null) {
    const problem: ConfigProblem = {
      file: fileName,
      line: 1,
      col: 1,
      path: '',
      message: 'the file has no settings: start from config/example.yaml',
    };
    throw configError('CONFIG_INVALID', fileName, [problem]);
  }

  const { problems: envProblems, interpolated } = interpolateDocument(doc, text, deps.env);
  let data: unknown;
  try {
    data = doc.toJS();
  } catch (error) {
    // yaml refuses documents whose aliases expand exponentially ("billion laughs").
    const message = `cannot expand the document: ${error instanceof Error ? error.message : String(error)}`;
    throw configError('CONFIG_SYNTAX', fileName, [{ file: fileName, line: 1, col: 1, path: '', message }]);
  }

  const schema = buildConfigSchema(deps.sourceSchemas, deps.sinkSchemas);
  const options = { reportInput: true, error: configErrorMap } as const;
  let result = schema.safeParse(data, options);
  for (let round = 0; !result.success && round < COERCE_ROUNDS; round += 1) {
    if (!coerceInterpolated(data, result.error.issues, interpolated)) break;
    result = schema.safeParse(data, options);
  }
  if (result.success && envProblems.length === 0) return result.data;

  const ctx: IssueContext = { file: fileName, doc, lineCounter, interpolated };
  const issues = result.success ? [] : withoutEnvEchoes(result.error.issues, envProblems);
  const problems = [
    ...envProblems.map((p) => envProblemToProblem(p, ctx)),
    ...issues.flatMap((i) => issueToProblems(i, ctx)),
  ];
  const onlyMissingEnv = issues.length === 0 && envProblems.every((p) => p.kind === 'missing');
  throw configError(onlyMissingEnv ? 'CONFIG_ENV_MISSING' : 'CONFIG_INVALID', fileName, problems);
}

/** Reads and validates the configuration file at `file` (relative to the working directory). */
export async function loadConfig(file: string, deps: LoadDeps): Promise<AppConfig> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    const reason = READ_ERRORS[code] ?? (code || 'unreadable');
    throw new AppError(
      'CONFIG_NOT_FOUND',
      `${file}: cannot read the configuration file (${reason}): pass an existing file with --config or ISO20K_CONFIG`,
      {
        cause: error,
        details: { file, reason },
      },
    );
  }
  return parseConfigText(text, file, deps);
}
