// Quick measurement (not a test): time and memory to generate N incidents, then keyset pages of 1000
// served per second over loopback. The client runs in a worker thread so parsing pages does not share the
// server's event loop.
//   node --expose-gc --import tsx connectors/servicenow/simulator/bench/measure-simulator.ts [incidents] [slas]
import { Worker } from 'node:worker_threads';
import { createServiceNowSimulator } from '../index.js';

const incidents = Number(process.argv[2] ?? 1_000_000);
const slas = Number(process.argv[3] ?? 1000);
const mb = (n: number): string => `${(n / 1e6).toFixed(0)} MB`;

const rssBefore = process.memoryUsage().rss;
const t0 = performance.now();
const sim = createServiceNowSimulator({
  seed: 1,
  incidents,
  slas,
  sameSecond: 5000,
  now: () => Date.UTC(2026, 0, 15, 12),
});
const genSeconds = (performance.now() - t0) / 1000;
(globalThis as { gc?: () => void }).gc?.();
const mem = process.memoryUsage();
console.log(
  `generated ${incidents} incidents (+${slas} task_sla, defaults elsewhere) in ${genSeconds.toFixed(2)} s`,
);
console.log(
  `rss ${mb(mem.rss)} (before ${mb(rssBefore)}), heap used ${mb(mem.heapUsed)}, array buffers ${mb(mem.arrayBuffers)}`,
);

const url = await sim.listen();
// Plain JS for the worker: page through the whole table by keyset, then by offset for a while. It uses
// node:http with keep-alive (as axios does) and parses every page, like a real client.
const client = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const { url, maxPages } = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const auth = 'Basic ' + Buffer.from('admin:admin').toString('base64');
function page(q, offset) {
  const u = url + '/api/now/table/incident?sysparm_limit=1000&sysparm_no_count=true&sysparm_offset=' + offset +
    '&sysparm_query=' + encodeURIComponent(q);
  return new Promise((resolve, reject) => {
    http.get(u, { agent, headers: { authorization: auth, accept: 'application/json' } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        if (res.statusCode !== 200) return reject(new Error('status ' + res.statusCode));
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')).result);
      });
    }).on('error', reject);
  });
}
(async () => {
  let t = '1970-01-01 00:00:00', id = '', pages = 0, rows = 0;
  const start = performance.now();
  for (;;) {
    const q = 'sys_updated_on>' + t + '^NQsys_updated_on=' + t + '^sys_id>' + id + '^ORDERBYsys_updated_on^ORDERBYsys_id';
    const result = await page(q, 0);
    if (result.length === 0) break;
    pages++; rows += result.length;
    const last = result[result.length - 1];
    t = last.sys_updated_on; id = last.sys_id;
    if (pages >= maxPages) break;
  }
  const keysetMs = performance.now() - start;
  const offStart = performance.now();
  let offPages = 0;
  for (let o = 0; offPages < 100; o += 1000, offPages++) {
    if ((await page('ORDERBYsys_updated_on^ORDERBYsys_id', o)).length === 0) break;
  }
  parentPort.postMessage({ pages, rows, keysetMs, offPages, offsetMs: performance.now() - offStart });
})().catch((e) => parentPort.postMessage({ error: String(e) }));
`;
const result = await new Promise<Record<string, number | string>>((resolve, reject) => {
  const worker = new Worker(client, {
    eval: true,
    workerData: { url, maxPages: Math.ceil(incidents / 1000) + 1 },
  });
  worker.once('message', resolve);
  worker.once('error', reject);
});
if (typeof result.error === 'string') throw new Error(result.error);
const { pages = 0, rows = 0, keysetMs = 1, offPages = 0, offsetMs = 1 } = result as Record<string, number>;
console.log(
  `keyset: ${pages} pages / ${rows} rows in ${(keysetMs / 1000).toFixed(2)} s = ${(pages / (keysetMs / 1000)).toFixed(1)} pages/s`,
);
console.log(`offset (first ${offPages} pages): ${(offPages / (offsetMs / 1000)).toFixed(1)} pages/s`);
console.log(`rss after serving ${mb(process.memoryUsage().rss)}`);
await sim.close();
