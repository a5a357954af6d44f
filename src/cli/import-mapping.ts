// Resolves `--mapping`: a built-in preset (`servicenow`, `jira`) or a YAML mapping file, validated for
// the kind before any data is read.
import { checkMappingForKind } from '../../connectors/file/mapping-check.js';
import {
  loadMappingFile,
  loadMappingObject,
  type LoadedMapping,
} from '../../connectors/file/mapping-load.js';
import { importProblemError } from '../../connectors/file/problems.js';
import { PRESETS, presetFor } from '../../connectors/file/presets/index.js';
import type { RecordKind } from '../contracts/index.js';
import { AppError } from '../contracts/index.js';

export async function resolveMapping(mapping: string, kind: RecordKind): Promise<LoadedMapping> {
  let loaded: LoadedMapping;
  if (mapping in PRESETS) {
    const preset = presetFor(mapping as keyof typeof PRESETS, kind);
    if (preset === undefined)
      throw new AppError(
        'USAGE',
        `the ${mapping} preset has no mapping for ${kind} records; write a mapping file`,
      );
    loaded = loadMappingObject(preset, `${mapping}/${kind}`);
  } else {
    loaded = await loadMappingFile(mapping);
  }
  const problems = checkMappingForKind(loaded, kind);
  if (problems.length > 0) throw importProblemError(problems);
  return loaded;
}
