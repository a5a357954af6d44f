// The mapping-pack part of `iso20k validate`: every problem in the pack as `file:line:col control path:
// message`, params and waivers that name no control, and which clauses no automated control covers.
import path from 'node:path';
import { AppError } from '../contracts/index.js';
import { formatMappingProblem, loadPack } from '../engine/index.js';
import { packDirOf } from './pack-location.js';
import type { ValidateCheck } from './validate.js';

export const validatePack: ValidateCheck = async ({ config, configFile }) => {
  const dir = packDirOf(config);
  const { pack, problems } = await loadPack(dir);
  const lines = problems.map(formatMappingProblem);
  if (pack !== undefined) {
    const ids = new Set(pack.controls.map((c) => c.id));
    for (const id of Object.keys(config.mappings.params)) {
      if (!ids.has(id)) lines.push(`${configFile}: mappings.params.${id}: no control "${id}" in ${dir}`);
    }
    config.mappings.waivers.forEach((waiver, i) => {
      if (!ids.has(waiver.control)) {
        lines.push(`${configFile}: mappings.waivers[${i}].control: no control "${waiver.control}" in ${dir}`);
      }
    });
  }
  if (pack === undefined || lines.length > 0) {
    throw new AppError('MAPPING_INVALID', lines.join('\n'), { details: { problems: lines } });
  }
  const covered = new Set(pack.controls.flatMap((c) => c.clauses));
  const uncovered = pack.clauses.filter((c) => !covered.has(c.id));
  const byKind = new Map<string, number>();
  for (const control of pack.controls) byKind.set(control.kind, (byKind.get(control.kind) ?? 0) + 1);
  const kinds = [...byKind].map(([kind, n]) => `${n} ${kind}`).join(', ');
  return [
    `pack ok: ${path.basename(dir)}, ${pack.controls.length} controls (${kinds}) over ${covered.size} clauses`,
    `clauses with no automated control (evidenced by people: see each clause's evidence list): ${uncovered.length}`,
    ...wrap(uncovered.map((c) => c.id).join(' '), 100).map((line) => `  ${line}`),
  ].join('\n');
};

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line.length + word.length + 1 > width && line !== '') {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines;
}
