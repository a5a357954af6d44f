// The limit the ServiceNow source is measured against: a bare loop that fetches and parses the same keyset
// pages (same query shape, fields and page size) with axios and does nothing else.
import http from 'node:http';
import axios from 'axios';
import { StreamOptionsSchema } from '../../connectors/servicenow/config.js';
import { compileRowMapper } from '../../connectors/servicenow/row-mapper.js';
import { TABLE_SPECS } from '../../connectors/servicenow/tables.js';
import { peakRssMb } from './bench-kit.js';

const [url = '', pageSizeText = '1000', user = 'admin', password = 'admin'] = process.argv.slice(2);
const pageSize = Number(pageSizeText);
const fields = compileRowMapper(TABLE_SPECS.incident, StreamOptionsSchema.parse({}), {
  source: 'bench',
  instanceUrl: url,
  table: 'incident',
}).columns.join(',');
const client = axios.create({
  baseURL: url,
  auth: { username: user, password },
  httpAgent: new http.Agent({ keepAlive: true }),
});
const upTo = new Date().toISOString().slice(0, 19).replace('T', ' ');

const started = performance.now();
let rows = 0;
let query = `sys_updated_on<=${upTo}^ORDERBYsys_updated_on^ORDERBYsys_id`;
for (;;) {
  const response = await client.get<{ result: Record<string, string>[] }>('/api/now/table/incident', {
    params: {
      sysparm_query: query,
      sysparm_fields: fields,
      sysparm_limit: pageSize,
      sysparm_exclude_reference_link: true,
      sysparm_no_count: true,
    },
  });
  const page = response.data.result;
  rows += page.length;
  const last = page.at(-1);
  if (last === undefined || !String(response.headers['link'] ?? '').includes('rel="next"')) break;
  const t = last['sys_updated_on']!;
  query = `sys_updated_on>${t}^sys_updated_on<=${upTo}^NQsys_updated_on=${t}^sys_id>${last['sys_id']}^sys_updated_on<=${upTo}^ORDERBYsys_updated_on^ORDERBYsys_id`;
}
const seconds = (performance.now() - started) / 1000;
console.log(JSON.stringify({ rows, seconds, rate: rows / seconds, peakRssMb: peakRssMb() }));
