// Our Jira source end to end: a full sync of the incidents into the record cache, then (cache warm, as in
// the service) an incremental poll after the simulator updated N issues.
import axios from 'axios';
import { pino } from 'pino';
import { JiraSourceConfigSchema } from '../../connectors/jira/config.js';
import { createJiraSource } from '../../connectors/jira/source.js';
import { pollSources } from '../../src/pipeline/poll.js';
import { keepOpen } from '../../src/state/keep-open.js';
import { createRecordCache } from '../../src/state/record-cache.js';
import { openStateStore } from '../../src/state/state-store.js';
import { peakRssMb } from './bench-kit.js';

const [url = '', dataDir = '', pageSizeText = '100', changedText = '1000'] = process.argv.slice(2);
const log = pino({ level: 'silent' });
const config = JiraSourceConfigSchema.parse({
  id: 'bench',
  type: 'jira',
  url,
  auth: { type: 'basic', email: 'bot@example.com', apiToken: 'token' },
  projects: ['ITSM'],
  pageSize: Number(pageSizeText),
  sweepIntervalHours: 24,
  streams: {
    request: { enabled: false },
    problem: { enabled: false },
    change: { enabled: false },
    sla: { enabled: false },
  },
});
const source = createJiraSource(config, { log });
const state = await openStateStore({ dataDir });
const cache = keepOpen(createRecordCache({ dir: dataDir, log }));
const poll = async () => {
  const started = performance.now();
  const [outcome] = await pollSources([source], { cache, state, log, signal: new AbortController().signal });
  if (outcome?.checkError !== undefined) throw new Error(`check failed: ${outcome.checkError.message}`);
  const stream = outcome!.streams[0]!;
  if (stream.status !== 'ok') throw new Error(`poll failed: ${stream.error?.message}`);
  return {
    seconds: (performance.now() - started) / 1000,
    fetched: stream.fetched,
    updated: stream.updated,
    records: stream.records,
  };
};

const full = await poll();
const fullPeakRssMb = peakRssMb();
await axios.post(`${url}/sim/issues/update`, { count: Number(changedText) });
const incremental = await poll();
await cache.closeAll();
await source.close?.();
await state.close();
console.log(
  JSON.stringify({
    full: { ...full, rate: full.fetched / full.seconds, peakRssMb: fullPeakRssMb },
    incremental,
  }),
);
