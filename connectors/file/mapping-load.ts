// Reads an import mapping file (YAML) and validates it against MappingSchema, placing each problem at
// its line and column. Built-in presets go through the same validation, so they cannot drift.
import { readFile } from 'node:fs/promises';
import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { AppError } from '../../src/contracts/index.js';
import { MappingSchema, type Mapping } from './mapping-schema.js';
import { importProblemError, type ImportProblem } from './problems.js';
import { formatYamlPath, lineColOf, type YamlPath } from './yaml-position.js';

export interface LoadedMapping {
  mapping: Mapping;
  /** The file as the user named it, or `preset:<name>`. */
  file: string;
  /**
   * Columns the file lacks are left empty instead of being an error (presets, which name every column
   * a full export has, while a list export holds the columns its user chose). The id must still exist.
   */
  optionalColumns: boolean;
  /** A problem about the option at `path`, placed in the file. */
  problemAt: (path: YamlPath, message: string, mode?: 'value' | 'key') => ImportProblem;
}

export async function loadMappingFile(file: string): Promise<LoadedMapping> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new AppError(
      'CONFIG_NOT_FOUND',
      `cannot read the mapping file ${file}: ${(error as Error).message}`,
      {
        cause: error,
        details: { file },
      },
    );
  }
  return parseMappingText(text, file);
}

export function parseMappingText(text: string, file: string): LoadedMapping {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    // One problem per line: a single bad indent often makes the parser complain twice at one spot.
    const byLine = new Map<number, ImportProblem>();
    for (const error of doc.errors) {
      const { line, col } = lineCounter.linePos(error.pos[0]);
      const message = `${error.message.split('\n')[0]!} (check the indentation of this line and the next)`;
      if (!byLine.has(line)) byLine.set(line, { file, line, col, message });
    }
    throw importProblemError([...byLine.values()], 'CONFIG_SYNTAX');
  }
  const problemAt = (path: YamlPath, message: string, mode: 'value' | 'key' = 'value'): ImportProblem => ({
    file,
    ...lineColOf(doc, lineCounter, path, mode),
    path: formatYamlPath(path),
    message,
  });
  const parsed = MappingSchema.safeParse(doc.toJS() ?? {});
  if (!parsed.success)
    throw importProblemError(parsed.error.issues.flatMap((i) => issueProblems(i, problemAt)));
  return { mapping: parsed.data, file, problemAt, optionalColumns: false };
}

/** Validates a built-in mapping the same way (its problems have no line: they are our bugs). */
export function loadMappingObject(input: unknown, name: string): LoadedMapping {
  const file = `preset:${name}`;
  const problemAt = (path: YamlPath, message: string): ImportProblem => ({
    file,
    path: formatYamlPath(path),
    message,
  });
  const parsed = MappingSchema.safeParse(input);
  if (!parsed.success) throw importProblemError(parsed.error.issues.map((i) => problemAt(i.path, i.message)));
  return { mapping: parsed.data, file, problemAt, optionalColumns: true };
}

function issueProblems(issue: z.core.$ZodIssue, problemAt: LoadedMapping['problemAt']): ImportProblem[] {
  if (issue.code === 'unrecognized_keys')
    return issue.keys.map((key) => problemAt([...issue.path, key], `unknown option "${key}"`, 'key'));
  if (issue.code === 'invalid_type' && issue.input === undefined)
    return [problemAt(issue.path, `"${String(issue.path.at(-1))}" is required`)];
  if (issue.code === 'invalid_union') {
    // A field is a column name or a specification: report the problems of the branch whose type the
    // value has (an object's own mistakes), not "expected string".
    const wrongType = (errors: readonly z.core.$ZodIssue[]) =>
      errors.length === 1 && errors[0]!.code === 'invalid_type' && errors[0].path.length === 0;
    const branch = issue.errors.find((errors) => !wrongType(errors));
    if (branch !== undefined)
      return branch.flatMap((inner) =>
        issueProblems({ ...inner, path: [...issue.path, ...inner.path] }, problemAt),
      );
  }
  return [problemAt(issue.path, issue.message)];
}
