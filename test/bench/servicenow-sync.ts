// Our ServiceNow source end to end: a full sync of the incident table into the record cache, then (with the
// cache warm, as in the service) an incremental poll after the simulator updated N records.
import { pino } from 'pino';
import axios from 'axios';
import { ServiceNowSourceConfigSchema } from '../../connectors/servicenow/config.js';
import { createServiceNowSource } from '../../connectors/servicenow/source.js';
import { pollSources } from '../../src/pipeline/poll.js';
import { createRecordCache } from '../../src/state/record-cache.js';
import { keepOpen } from '../../src/state/keep-open.js';
import { openStateStore } from '../../src/state/state-store.js';
import { peakRssMb } from './bench-kit.js';

const [
  url = '',
  dataDir = '',
  pageSizeText = '1000',
  changedText = '1000',
  user = 'admin',
  password = 'admin',
] = process.argv.slice(2);
const log = pino({ level: 'silent' });
const config = ServiceNowSourceConfigSchema.parse({
  id: 'bench',
  type: 'servicenow',
  url,
  auth: { type: 'basic', username: user, password },
  pageSize: Number(pageSizeText),
  safetyLagSeconds: 0,
  sweepIntervalHours: 24,
  streams: Object.fromEntries(
    ['request', 'problem', 'change', 'sla', 'agreement', 'service', 'ci', 'ci_relation', 'knowledge'].map(
      (s) => [s, { enabled: false }],
    ),
  ),
});
const source = createServiceNowSource(config, { log });
const state = await openStateStore({ dataDir });
const cache = keepOpen(createRecordCache({ dir: dataDir, log }));
const poll = async () => {
  const started = performance.now();
  const [outcome] = await pollSources([source], { cache, state, log, signal: new AbortController().signal });
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
await axios.post(`${url}/sim/tables/incident/update`, { count: Number(changedText) });
const incremental = await poll();
await source.close?.();
await state.close();
console.log(
  JSON.stringify({
    full: { ...full, rate: full.fetched / full.seconds, peakRssMb: fullPeakRssMb },
    incremental,
  }),
);
