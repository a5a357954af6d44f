// What a data directory holds as state, read from its files the way a user would find them: state.json
// and, beside it, the findings ledger in findings.ndjson.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { readFindingsFile } from '../../src/state/findings-file.js';
import { StateDataSchema, type StateData } from '../../src/state/state-schema.js';

export async function readStateFiles(dataDir: string): Promise<StateData> {
  const state = StateDataSchema.parse(JSON.parse(await readFile(path.join(dataDir, 'state.json'), 'utf8')));
  return { ...state, findings: (await readFindingsFile(dataDir)) ?? state.findings };
}
