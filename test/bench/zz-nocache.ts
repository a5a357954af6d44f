import { pino } from 'pino';
import { ServiceNowSourceConfigSchema } from '../../connectors/servicenow/config.js';
import { createServiceNowSource } from '../../connectors/servicenow/source.js';
const [url = ''] = process.argv.slice(2);
const log = pino({ level: 'silent' });
const config = ServiceNowSourceConfigSchema.parse({ id: 'b', type: 'servicenow', url, auth: { type: 'basic', username: 'admin', password: 'admin' }, pageSize: 1000, safetyLagSeconds: 0,
  streams: Object.fromEntries(['request','problem','change','sla','agreement','service','ci','ci_relation','knowledge'].map((s) => [s, { enabled: false }])) });
const source = createServiceNowSource(config, { log });
const t = performance.now(); let n = 0; const keep: unknown[] = [];
for await (const b of source.streams()[0]!.read({ signal: new AbortController().signal, log })) { n += b.records.length; if (process.env.KEEP) keep.push(...b.records); }
console.log(n, ((performance.now() - t) / 1000).toFixed(2), 's', Math.round(process.resourceUsage().maxRSS/1024), 'MB');
await source.close?.();
