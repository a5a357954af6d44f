// What the simulator stores per issue and per Assets object: compact plain objects, rendered into Jira's
// wire shapes only when asked (render-issue.ts, http/assets-routes.ts).
import type { SimProject, SimStatus } from './catalogue.js';

export interface SimHistoryItem {
  field: string;
  fromString: string | null;
  toString: string | null;
}

export interface SimHistory {
  id: string;
  created: number;
  author: string;
  items: SimHistoryItem[];
}

export interface SimComment {
  id: string;
  author: string;
  body: unknown;
  created: number;
  updated: number;
}

export interface SimLink {
  type: 'Causes' | 'Problem/Incident' | 'Relates';
  /** outward: this issue "causes" / "is the problem of" the other one. */
  direction: 'inward' | 'outward';
  issueId: number;
}

export interface SimIssue {
  id: number;
  key: string;
  project: SimProject;
  issueType: string;
  requestTypeId: string | null;
  summary: string;
  /** An ADF document, or null. */
  description: unknown;
  status: SimStatus;
  priority: string | null;
  labels: string[];
  assignee: string | null;
  reporter: string;
  created: number;
  updated: number;
  resolution: string | null;
  resolutiondate: number | null;
  duedate: string | null;
  links: SimLink[];
  fixVersion: string | null;
  component: string | null;
  /** Custom field values by field id, already in their wire form. */
  custom: Record<string, unknown>;
  history: SimHistory[];
  comments: SimComment[];
  properties: Map<string, unknown>;
  /** Search does not see the issue before this instant (eventual consistency after a create). */
  visibleAt: number;
}

export interface SimAsset {
  id: number;
  objectKey: string;
  label: string;
  typeId: number;
  created: number;
  updated: number;
  description: string;
  status: string;
  owner: string | null;
  criticality: string | null;
  dependsOn: number[];
  serviceId: number | null;
  lastDiscovered: number | null;
}

export interface SimAssetType {
  id: number;
  name: string;
}

export const ASSET_TYPES: SimAssetType[] = [
  { id: 1, name: 'Service' },
  { id: 2, name: 'Server' },
  { id: 3, name: 'Application' },
  { id: 4, name: 'Database' },
  { id: 5, name: 'Network Device' },
];

/** Attribute ids are global in Assets; here type id * 100 + the attribute's number. */
export const ASSET_ATTRIBUTES = [
  { n: 1, name: 'Key', type: 0 },
  { n: 2, name: 'Name', type: 0 },
  { n: 3, name: 'Created', type: 0 },
  { n: 4, name: 'Updated', type: 0 },
  { n: 5, name: 'Description', type: 0 },
  { n: 6, name: 'Status', type: 7 },
  { n: 7, name: 'Owner', type: 2 },
  { n: 8, name: 'Criticality', type: 0 },
  { n: 9, name: 'Depends on', type: 1 },
  { n: 10, name: 'Service', type: 1 },
  { n: 11, name: 'Last discovered', type: 0 },
] as const;
