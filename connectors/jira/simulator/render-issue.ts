// Renders a simulated issue as Jira's IssueBean with only the fields asked for: search defaults to none
// (id only), GET issue to all; `*all`, `*navigable`, names and `-name` exclusions as Jira reads them.
// Cloud renders REST v3 (ADF text fields, users by accountId); Data Center renders v2 (wiki text, users
// with a key and a name).
import { adfPlainText } from './adf.js';
import { FIELDS, ISSUE_TYPE_IDS, PRIORITIES, REQUEST_TYPES, type SimStatus } from './catalogue.js';
import type { SimIssue } from './model.js';
import { jiraTimestamp } from '../time-zone.js';

const ALL_FIELD_IDS = FIELDS.map((f) => f.id);
/** Paragraph fields: ADF in v3, wiki text in v2. */
const TEXT_AREAS = new Set([
  'description',
  ...FIELDS.filter((f) => String(f.schema['custom'] ?? '').endsWith(':textarea')).map((f) => f.id),
]);
const KNOWN = new Set(ALL_FIELD_IDS);

export interface FieldSelection {
  /** Field ids to render, in a stable order; empty: the issue is just {id, key, self}. */
  ids: string[];
  /** Whether anything beyond id/key was asked (Jira then caps a page lower). */
  heavy: boolean;
}

/** Reads `fields` as sent: repeated parameters, a comma list, or a JSON array. */
export function selectFields(raw: string[] | undefined, fallbackAll: boolean): FieldSelection {
  const names = (raw ?? [])
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
  if (names.length === 0)
    return fallbackAll ? { ids: ALL_FIELD_IDS, heavy: true } : { ids: [], heavy: false };
  const chosen = new Set<string>();
  for (const name of names) {
    if (name === '*all' || name === '*navigable') for (const id of ALL_FIELD_IDS) chosen.add(id);
    else if (name.startsWith('-')) chosen.delete(name.slice(1));
    else if (KNOWN.has(name)) chosen.add(name);
    // Unknown names and 'id'/'key' are ignored, as Jira does.
  }
  return { ids: [...chosen], heavy: chosen.size > 0 };
}

function statusBean(s: SimStatus, base: string, api = '3') {
  const key = s.category;
  return {
    self: `${base}/rest/api/${api}/status/${s.id}`,
    description: '',
    iconUrl: `${base}/images/icons/statuses/generic.png`,
    name: s.name,
    id: s.id,
    statusCategory: {
      self: `${base}/rest/api/${api}/statuscategory/${key === 'new' ? 2 : key === 'done' ? 3 : 4}`,
      id: key === 'new' ? 2 : key === 'done' ? 3 : 4,
      key,
      colorName: key === 'new' ? 'blue-gray' : key === 'done' ? 'green' : 'yellow',
      name: key === 'new' ? 'To Do' : key === 'done' ? 'Done' : 'In Progress',
    },
  };
}

const cloudUser = (accountId: string | null, base: string) =>
  accountId === null
    ? null
    : {
        self: `${base}/rest/api/3/user?accountId=${accountId}`,
        accountId,
        displayName: `Agent ${accountId.slice(-4)}`,
        active: true,
        timeZone: 'UTC',
        accountType: 'atlassian',
      };

/** A Data Center user: no accountId; the user key (here the simulator's user id) and a user name. */
const dataCenterUser = (userId: string | null, base: string) =>
  userId === null
    ? null
    : {
        self: `${base}/rest/api/2/user?username=agent-${userId.slice(-4)}`,
        name: `agent-${userId.slice(-4)}`,
        key: userId,
        displayName: `Agent ${userId.slice(-4)}`,
        active: true,
        timeZone: 'UTC',
      };

export interface RenderContext {
  base: string;
  /** Render REST v2 as Jira Data Center does (default: Cloud's v3). */
  dataCenter?: boolean;
  changelog: boolean;
  /** For issue links: the linked issue, if it still exists. */
  lookup: (id: number) => SimIssue | undefined;
}

/** A field as the site sends it; Data Center's paragraph fields are the text of the stored document. */
function fieldValue(issue: SimIssue, id: string, ctx: RenderContext): unknown {
  const value = wireValue(issue, id, ctx);
  if (ctx.dataCenter !== true) return value;
  return TEXT_AREAS.has(id) && value !== null && typeof value === 'object' ? adfPlainText(value) : value;
}

function wireValue(issue: SimIssue, id: string, ctx: RenderContext): unknown {
  const { base } = ctx;
  const api = ctx.dataCenter === true ? '2' : '3';
  const user = ctx.dataCenter === true ? dataCenterUser : cloudUser;
  switch (id) {
    case 'summary':
      return issue.summary;
    case 'description':
      return issue.description;
    case 'status':
      return statusBean(issue.status, base, api);
    case 'issuetype':
      return {
        self: `${base}/rest/api/${api}/issuetype/${ISSUE_TYPE_IDS[issue.issueType]}`,
        id: ISSUE_TYPE_IDS[issue.issueType],
        name: issue.issueType,
        subtask: false,
      };
    case 'project':
      return {
        self: `${base}/rest/api/${api}/project/${issue.project.id}`,
        id: issue.project.id,
        key: issue.project.key,
        name: issue.project.name,
        projectTypeKey: issue.project.type,
      };
    case 'priority':
      return issue.priority === null
        ? null
        : {
            self: `${base}/rest/api/${api}/priority/${PRIORITIES.indexOf(issue.priority as never) + 1}`,
            id: String(PRIORITIES.indexOf(issue.priority as never) + 1),
            name: issue.priority,
          };
    case 'labels':
      return issue.labels;
    case 'assignee':
      return user(issue.assignee, base);
    case 'reporter':
      return user(issue.reporter, base);
    case 'created':
      return jiraTimestamp(issue.created);
    case 'updated':
      return jiraTimestamp(issue.updated);
    case 'resolution':
      return issue.resolution === null ? null : { id: '10000', name: issue.resolution, description: '' };
    case 'resolutiondate':
      return issue.resolutiondate === null ? null : jiraTimestamp(issue.resolutiondate);
    case 'duedate':
      return issue.duedate;
    case 'issuelinks':
      return issue.links.flatMap((link, n) => {
        const other = ctx.lookup(link.issueId);
        if (other === undefined) return [];
        const ref = {
          id: String(other.id),
          key: other.key,
          self: `${base}/rest/api/${api}/issue/${other.id}`,
          fields: {
            summary: other.summary,
            status: statusBean(other.status, base, api),
            issuetype: { name: other.issueType },
          },
        };
        const names = {
          Causes: ['is caused by', 'causes'],
          'Problem/Incident': ['is caused by problem', 'causes incident'],
          Relates: ['relates to', 'relates to'],
        }[link.type];
        return [
          {
            id: String(issue.id * 100 + n),
            type: { name: link.type, inward: names[0], outward: names[1] },
            [link.direction === 'inward' ? 'inwardIssue' : 'outwardIssue']: ref,
          },
        ];
      });
    case 'components':
      return issue.component === null ? [] : [{ id: '10000', name: issue.component }];
    case 'fixVersions':
      return issue.fixVersion === null
        ? []
        : [{ id: '10000', name: issue.fixVersion, released: issue.status.category === 'done' }];
    case 'comment':
      return {
        comments: issue.comments.map((c) => commentBean(issue, c, base, ctx.dataCenter === true)),
        maxResults: issue.comments.length,
        total: issue.comments.length,
        startAt: 0,
      };
    case 'customfield_10010': {
      const rt = REQUEST_TYPES.find((r) => r.id === issue.requestTypeId);
      return rt === undefined
        ? null
        : {
            _links: { self: `${base}/rest/servicedeskapi/servicedesk/1/requesttype/${rt.id}` },
            requestType: { id: rt.id, name: rt.name, serviceDeskId: '1' },
            currentStatus: { status: issue.status.name },
          };
    }
    default:
      return issue.custom[id] ?? null;
  }
}

export function commentBean(
  issue: SimIssue,
  c: SimIssue['comments'][number],
  base: string,
  dataCenter = false,
) {
  const user = dataCenter ? dataCenterUser : cloudUser;
  return {
    self: `${base}/rest/api/${dataCenter ? '2' : '3'}/issue/${issue.id}/comment/${c.id}`,
    id: c.id,
    author: user(c.author, base),
    body: dataCenter && c.body !== null && typeof c.body === 'object' ? adfPlainText(c.body) : c.body,
    updateAuthor: user(c.author, base),
    created: jiraTimestamp(c.created),
    updated: jiraTimestamp(c.updated),
    jsdPublic: true,
  };
}

export function renderIssue(
  issue: SimIssue,
  selection: FieldSelection,
  ctx: RenderContext,
): Record<string, unknown> {
  const bean: Record<string, unknown> = {
    expand: 'renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations',
    id: String(issue.id),
    self: `${ctx.base}/rest/api/${ctx.dataCenter === true ? '2' : '3'}/issue/${issue.id}`,
    key: issue.key,
  };
  if (selection.ids.length > 0) {
    const fields: Record<string, unknown> = {};
    for (const id of selection.ids) fields[id] = fieldValue(issue, id, ctx);
    bean['fields'] = fields;
  }
  if (ctx.changelog) {
    bean['changelog'] = {
      startAt: 0,
      maxResults: issue.history.length,
      total: issue.history.length,
      histories: issue.history.map((h) => ({
        id: h.id,
        author: (ctx.dataCenter === true ? dataCenterUser : cloudUser)(h.author, ctx.base),
        created: jiraTimestamp(h.created),
        items: h.items.map((item) => ({
          field: item.field,
          fieldtype: 'jira',
          from: null,
          fromString: item.fromString,
          to: null,
          toString: item.toString,
        })),
      })),
    };
  }
  return bean;
}
