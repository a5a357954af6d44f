// Reads a pack directory and reports every problem in it before anything runs. The pack is returned
// only when there are no problems, so nothing half-valid ever reaches the compiler.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { checkControl } from './check-control.js';
import { ClausesFileSchema, ControlSchema, type Clause, type Control, type Pack } from './pack-schema.js';
import { parseYamlFile, placeProblem, type MappingProblem, type YamlFile } from './mapping-problem.js';
import { isPlainObject, type RawProblem } from './problem.js';
import { zodIssueToProblems } from './zod-problems.js';

export interface LoadedPack {
  pack: Pack | undefined;
  problems: MappingProblem[];
}

async function readYaml(
  dir: string,
  name: string,
  problems: MappingProblem[],
): Promise<YamlFile | undefined> {
  const file = join(dir, name);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    problems.push({ file, line: 1, col: 1, path: '', message: `cannot read ${name}: a pack needs it` });
    return undefined;
  }
  const parsed = parseYamlFile(file, text);
  problems.push(...parsed.problems);
  return parsed.problems.length === 0 ? parsed.yaml : undefined;
}

function checkClauses(yaml: YamlFile): { clauses: Clause[]; raw: RawProblem[] } {
  const parsed = ClausesFileSchema.safeParse(yaml.data);
  if (parsed.success) {
    const raw: RawProblem[] = [];
    const seen = new Set<string>();
    parsed.data.clauses.forEach((c, i) => {
      if (seen.has(c.id)) raw.push({ path: ['clauses', i, 'id'], message: `duplicate clause id "${c.id}"` });
      seen.add(c.id);
    });
    parsed.data.clauses.forEach((c, i) => {
      if (c.parent !== undefined && !seen.has(c.parent))
        raw.push({
          path: ['clauses', i, 'parent'],
          message: `parent clause "${c.parent}" is not in clauses.yaml`,
        });
    });
    return { clauses: parsed.data.clauses, raw };
  }
  const keys = (path: readonly (string | number)[]) =>
    path.length === 0
      ? ['clauses']
      : path.length === 2
        ? ['id', 'title', 'parent', 'crosswalk2011', 'automation', 'evidence']
        : [];
  return {
    clauses: [],
    raw: parsed.error.issues.flatMap((issue) => zodIssueToProblems(issue, [], yaml.data, keys)),
  };
}

function checkControlsFile(
  yaml: YamlFile,
  name: string,
  clauseIds: ReadonlySet<string>,
  seen: Map<string, string>,
): RawProblem[] {
  const data = yaml.data;
  if (!isPlainObject(data) || !Array.isArray(data.controls))
    return [{ path: [], message: 'a controls file must be a mapping with a "controls" list' }];
  const raw: RawProblem[] = Object.keys(data)
    .filter((k) => k !== 'controls')
    .map((k) => ({
      path: [k],
      at: 'key' as const,
      message: `unknown key "${k}": a controls file holds only "controls"`,
    }));
  data.controls.forEach((control, i) => {
    raw.push(...checkControl(control, ['controls', i], clauseIds));
    const id = isPlainObject(control) ? control.id : undefined;
    if (typeof id !== 'string') return;
    const first = seen.get(id);
    if (first !== undefined)
      raw.push({
        path: ['controls', i, 'id'],
        message: `duplicate control id "${id}" (first defined in ${first})`,
      });
    else seen.set(id, name);
  });
  return raw;
}

export async function loadPack(dir: string): Promise<LoadedPack> {
  const problems: MappingProblem[] = [];
  const clausesYaml = await readYaml(dir, 'clauses.yaml', problems);
  let clauses: Clause[] = [];
  if (clausesYaml !== undefined) {
    const checked = checkClauses(clausesYaml);
    clauses = checked.clauses;
    problems.push(...checked.raw.map((p) => placeProblem(clausesYaml, p)));
  }
  let names: string[] = [];
  try {
    names = (await readdir(join(dir, 'controls'))).filter((n) => /\.ya?ml$/.test(n)).sort();
  } catch {
    problems.push({
      file: join(dir, 'controls'),
      line: 1,
      col: 1,
      path: '',
      message: 'cannot read the controls directory: a pack needs one',
    });
  }
  const clauseIds = new Set(clauses.map((c) => c.id));
  const seen = new Map<string, string>();
  const controls: Control[] = [];
  for (const name of names) {
    const yaml = await readYaml(join(dir, 'controls'), name, problems);
    if (yaml === undefined) continue;
    const raw = checkControlsFile(yaml, `controls/${name}`, clauseIds, seen);
    problems.push(...sortPlaced(raw.map((p) => placeProblem(yaml, p))));
    if (raw.length > 0) continue;
    for (const [i, c] of (yaml.data as { controls: unknown[] }).controls.entries()) {
      const parsed = ControlSchema.safeParse(c);
      // The checks above mirror the schema; this guard only keeps a gap between them from throwing.
      if (parsed.success) controls.push(parsed.data);
      else
        problems.push(
          placeProblem(yaml, {
            path: ['controls', i],
            message: 'control does not match the mapping language',
          }),
        );
    }
  }
  return { pack: problems.length === 0 ? { dir, clauses, controls } : undefined, problems };
}

function sortPlaced(problems: MappingProblem[]): MappingProblem[] {
  return problems.sort((a, b) => a.line - b.line || a.col - b.col);
}
