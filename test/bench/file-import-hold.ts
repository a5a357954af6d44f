// The baseline for the import's memory: a fresh process that only holds the imported records in the
// record cache (loads the stream the import wrote), nothing else.
import { createRecordCache } from '../../src/state/record-cache.js';
import { peakRssMb } from './bench-kit.js';

const [dataDir = ''] = process.argv.slice(2);
const stream = await createRecordCache({ dir: dataDir }).open({
  source: 'bench',
  stream: 'import:incident',
  kind: 'incident',
});
console.log(JSON.stringify({ records: stream.records.size, peakRssMb: peakRssMb() }));
await stream.close();
