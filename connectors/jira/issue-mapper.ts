// Maps one Jira issue (IssueBean with the fields the stream asked for) to the canonical record of the
// stream's kind. The field list is derived from the same resolved fields, so what is mapped is what is asked.
import type { CanonicalRecord } from '../../src/contracts/index.js';
import type { IssueStreamName, IssueStreamOptions } from './config.js';
import { CHANGE_TYPES, changelogCounts, closeCode, linked, reviewTypeOf, RISKS } from './issue-semantics.js';
import type { ResolvedFields } from './field-discovery.js';
import { SYSTEM_FIELDS } from './field-names.js';
import {
  changeState,
  incidentState,
  problemState,
  releaseState,
  requestState,
  reviewState,
} from './issue-states.js';
import {
  accountId,
  adfText,
  approvalState,
  firstRefId,
  isoDate,
  level,
  obj,
  optionText,
  str,
  type Json,
} from './issue-values.js';

export interface IssueMapperSettings {
  kind: IssueStreamName;
  source: string;
  siteUrl: string;
  fields: ResolvedFields;
  options: IssueStreamOptions;
  /** Extra fields: the configured name -> the field id. */
  extra: [string, string][];
  /** The field holding the review type (review only). */
  reviewTypeField: string | undefined;
  changelog: boolean;
}

export interface IssueMapper {
  /** The `fields` list of the search. */
  readonly fieldIds: string[];
  map(issue: Json): CanonicalRecord | undefined;
}

export function compileIssueMapper(settings: IssueMapperSettings): IssueMapper {
  const { kind, source, siteUrl, fields: f, options } = settings;
  const custom = Object.values(f).filter((id): id is string => id !== undefined);
  const extraIds = settings.extra.map(([, id]) => id);
  const fieldIds = [
    ...new Set([
      ...SYSTEM_FIELDS,
      ...custom,
      ...extraIds,
      ...(settings.reviewTypeField === undefined ? [] : [settings.reviewTypeField]),
    ]),
  ];
  const get = (fields: Json, name: keyof ResolvedFields): unknown => {
    const id = f[name];
    return id === undefined ? undefined : fields[id];
  };

  function map(issue: Json): CanonicalRecord | undefined {
    const id = str(issue['id']);
    const key = str(issue['key']);
    const fields = obj(issue['fields']);
    const updatedAt = isoDate(fields?.['updated']);
    if (id === null || key === null || fields === undefined || updatedAt === null) return undefined;
    const status = obj(fields['status']);
    const statusName = str(status?.['name']);
    const category = str(obj(status?.['statusCategory'])?.['key']);
    const resolution = optionText(fields['resolution']);
    const resolvedAt = isoDate(fields['resolutiondate']);
    const done = category === 'done';
    const envelope = {
      source,
      id,
      key,
      url: `${siteUrl}/browse/${key}`,
      createdAt: isoDate(fields['created']),
      updatedAt,
      stateRaw: statusName,
      ...(settings.extra.length === 0
        ? {}
        : { extra: Object.fromEntries(settings.extra.map(([name, fid]) => [name, fields[fid] ?? null])) }),
    };
    const components = fields['components'];
    const work = {
      priority: level(fields['priority']),
      impact: level(get(fields, 'impact')),
      urgency: level(get(fields, 'urgency')),
      category:
        optionText(get(fields, 'category')) ?? optionText(Array.isArray(components) ? components[0] : null),
      subcategory: null,
      assignmentGroup: optionText(get(fields, 'team')),
      assignedTo: accountId(fields['assignee']),
      ciId: firstRefId(get(fields, 'affectedCis')),
      serviceId: firstRefId(get(fields, 'affectedServices')),
      active: category === null ? null : !done,
      title: str(fields['summary']),
    };
    switch (kind) {
      case 'incident': {
        const counts = settings.changelog ? changelogCounts(issue) : undefined;
        const state = incidentState(statusName, category);
        const major = get(fields, 'majorIncident');
        return {
          kind: 'incident',
          ...envelope,
          ...work,
          state,
          resolvedAt,
          closedAt: state === 'closed' || state === 'canceled' ? resolvedAt : null,
          closeCode: resolution,
          closeNotes: null,
          problemId: linked(fields, 'Problem'),
          causedByChangeId: linked(fields, 'Change', 'Causes'),
          reopenCount: counts?.reopen ?? null,
          reassignmentCount: counts?.reassign ?? null,
          major: f.majorIncident === undefined ? null : optionText(major) !== null,
          security: null,
        };
      }
      case 'request': {
        const state = requestState(statusName, category);
        return {
          kind: 'request',
          ...envelope,
          ...work,
          state,
          approval: approvalState(get(fields, 'approvals')),
          catalogItem: str(obj(obj(get(fields, 'requestType'))?.['requestType'])?.['name']),
          requestedFor: accountId(fields['reporter']),
          stage: statusName,
          dueAt: isoDate(fields['duedate']),
          closedAt: done ? resolvedAt : null,
        };
      }
      case 'problem': {
        const labels = Array.isArray(fields['labels']) ? fields['labels'] : [];
        return {
          kind: 'problem',
          ...envelope,
          ...work,
          state: problemState(statusName, category),
          knownError: statusName?.toLowerCase() === 'known error' || labels.includes('known-error'),
          workaround: adfText(get(fields, 'workaround')),
          causeNotes: adfText(get(fields, 'rootCause')),
          fixNotes: null,
          changeId: linked(fields, 'Change'),
          resolutionCode: resolution,
          resolvedAt,
          closedAt: done ? resolvedAt : null,
        };
      }
      case 'change': {
        const type = optionText(get(fields, 'changeType'))?.toLowerCase() ?? null;
        const risk = optionText(get(fields, 'changeRisk'))?.toLowerCase() ?? null;
        const state = changeState(statusName, category);
        const approval = approvalState(get(fields, 'approvals'));
        return {
          kind: 'change',
          ...envelope,
          ...work,
          state,
          type: type === null ? null : CHANGE_TYPES.has(type) ? (type as 'normal') : 'other',
          approval: approval ?? (state === 'authorize' ? 'requested' : null),
          risk: risk === null ? null : (RISKS[risk] ?? null),
          implementationPlan: adfText(get(fields, 'implementationPlan')),
          backoutPlan: adfText(get(fields, 'backoutPlan')),
          testPlan: adfText(get(fields, 'testPlan')),
          justification: optionText(get(fields, 'changeReason')) ?? adfText(get(fields, 'changeReason')),
          plannedStart: isoDate(get(fields, 'plannedStart')),
          plannedEnd: isoDate(get(fields, 'plannedEnd')),
          actualStart: isoDate(get(fields, 'actualStart')),
          actualEnd: isoDate(get(fields, 'actualEnd')),
          closeCode: done ? closeCode(resolution) : null,
          closeNotes: null,
          closedAt: done ? resolvedAt : null,
          outsideMaintenanceSchedule: null,
        };
      }
      case 'release': {
        const versions = fields['fixVersions'];
        const state = releaseState(statusName, category);
        return {
          kind: 'release',
          ...envelope,
          ...work,
          state,
          version: optionText(Array.isArray(versions) ? versions[0] : null),
          changeId: linked(fields, 'Change'),
          plannedStart: isoDate(get(fields, 'plannedStart')),
          plannedEnd: isoDate(get(fields, 'plannedEnd')),
          releasedAt: state === 'released' || state === 'closed' ? resolvedAt : null,
        };
      }
      case 'review': {
        const raw =
          settings.reviewTypeField === undefined ? null : optionText(fields[settings.reviewTypeField]);
        return {
          kind: 'review',
          ...envelope,
          reviewType: options.reviewType ?? reviewTypeOf(raw, options.reviewTypeMap),
          title: str(fields['summary']),
          state: reviewState(statusName, category),
          completedAt: done ? resolvedAt : null,
          dueAt: isoDate(fields['duedate']),
          ownerId: accountId(fields['assignee']),
          serviceId: firstRefId(get(fields, 'affectedServices')),
        };
      }
    }
  }

  return { fieldIds, map };
}
