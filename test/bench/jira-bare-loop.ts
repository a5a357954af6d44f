// The limit the Jira source is measured against: a bare loop that fetches and parses the same enhanced
// search pages (same JQL, field list, changelog expansion and page size) with axios and does nothing else.
import http from 'node:http';
import axios from 'axios';
import { IssueStreamOptionsSchema } from '../../connectors/jira/config.js';
import { resolveFields, type JiraFieldInfo } from '../../connectors/jira/field-discovery.js';
import { compileIssueMapper } from '../../connectors/jira/issue-mapper.js';
import { incrementalJql, scopeJql } from '../../connectors/jira/jql.js';
import { peakRssMb } from './bench-kit.js';

const [url = '', pageSizeText = '100'] = process.argv.slice(2);
const pageSize = Number(pageSizeText);
const client = axios.create({
  baseURL: url,
  auth: { username: 'bot@example.com', password: 'token' },
  httpAgent: new http.Agent({ keepAlive: true }),
});
// The same field list the source asks for, derived the same way (no mapping happens here).
const fields = (await client.get<JiraFieldInfo[]>('/rest/api/3/field')).data;
const mapper = compileIssueMapper({
  kind: 'incident',
  source: 'bench',
  siteUrl: url,
  fields: resolveFields(fields, {}, 'bench'),
  options: IssueStreamOptionsSchema.parse({}),
  extra: [],
  reviewTypeField: undefined,
  changelog: true,
});
const jql = incrementalJql(
  scopeJql({
    projects: ['ITSM'],
    issueTypes: ['Incident'],
    requestTypes: [],
    requestTypeField: undefined,
    jql: undefined,
  }),
  undefined,
  'UTC',
);

const started = performance.now();
let rows = 0;
let token: string | undefined;
do {
  const response = await client.post<{ issues: unknown[]; nextPageToken?: string; isLast: boolean }>(
    '/rest/api/3/search/jql',
    {
      jql,
      maxResults: pageSize,
      fields: mapper.fieldIds,
      expand: 'changelog',
      ...(token === undefined ? {} : { nextPageToken: token }),
    },
  );
  rows += response.data.issues.length;
  token = response.data.isLast ? undefined : response.data.nextPageToken;
} while (token !== undefined);
const seconds = (performance.now() - started) / 1000;
console.log(JSON.stringify({ rows, seconds, rate: rows / seconds, peakRssMb: peakRssMb() }));
