// The built-in mappings `--mapping servicenow` and `--mapping jira` name.
import type { RecordKind } from '../../../src/contracts/index.js';
import type { MappingInput } from '../mapping-schema.js';
import { jiraPreset } from './jira.js';
import { serviceNowPreset } from './servicenow.js';

export const PRESETS = {
  servicenow: serviceNowPreset,
  jira: jiraPreset,
} as const satisfies Record<string, (kind: RecordKind) => MappingInput | undefined>;

export function presetFor(name: keyof typeof PRESETS, kind: RecordKind): MappingInput | undefined {
  return PRESETS[name](kind);
}
