// Loading a stream's record cache from disk, as a process start does.
import { createRecordCache } from '../../src/state/record-cache.js';
import { peakRssMb } from './bench-kit.js';

const [dataDir = ''] = process.argv.slice(2);
const started = performance.now();
const stream = await createRecordCache({ dir: dataDir }).open({
  source: 'bench',
  stream: 'incident',
  kind: 'incident',
});
const seconds = (performance.now() - started) / 1000;
console.log(JSON.stringify({ seconds, records: stream.records.size, peakRssMb: peakRssMb() }));
await stream.close();
