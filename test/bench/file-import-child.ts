// One import of a generated CSV through the code `iso20k import` runs (mapping resolution, file source,
// poll pipeline, record cache), in a fresh process so its peak RSS is the import's own.
import { resolveMapping } from '../../src/cli/import-mapping.js';
import { runImport } from '../../src/cli/import-run.js';
import { peakRssMb } from './bench-kit.js';

const [file = '', mapping = '', dataDir = ''] = process.argv.slice(2);
const started = performance.now();
const loaded = await resolveMapping(mapping, 'incident');
const result = await runImport({
  file,
  kind: 'incident',
  source: 'bench',
  loaded,
  dataDir,
  logLevel: 'warn',
  signal: new AbortController().signal,
});
const seconds = (performance.now() - started) / 1000;
if (result.exitCode !== 0) throw new Error(`import failed: ${result.outcome.error?.message}`);
console.log(
  JSON.stringify({
    seconds,
    rows: result.report.rows,
    skipped: result.report.skipped,
    records: result.outcome.records,
    rate: result.report.rows / seconds,
    peakRssMb: peakRssMb(),
  }),
);
