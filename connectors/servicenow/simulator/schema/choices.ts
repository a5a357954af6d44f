// Choice lists (value -> label) of the fields whose display value is a label. Values follow the base
// platform (itsm-apis.md A.7/A.8); the labels are what sysparm_display_value=true shows.

export const INCIDENT_STATE = {
  '1': 'New',
  '2': 'In Progress',
  '3': 'On Hold',
  '6': 'Resolved',
  '7': 'Closed',
  '8': 'Canceled',
};
export const IMPACT = { '1': '1 - High', '2': '2 - Medium', '3': '3 - Low' };
export const URGENCY = IMPACT;
export const PRIORITY = {
  '1': '1 - Critical',
  '2': '2 - High',
  '3': '3 - Moderate',
  '4': '4 - Low',
  '5': '5 - Planning',
};
export const INCIDENT_CATEGORY = {
  inquiry: 'Inquiry / Help',
  software: 'Software',
  hardware: 'Hardware',
  network: 'Network',
  database: 'Database',
};
export const CONTACT_TYPE = {
  phone: 'Phone',
  email: 'Email',
  'self-service': 'Self-service',
  'walk-in': 'Walk-in',
  chat: 'Chat',
  virtual_agent: 'Virtual Agent',
};
export const MAJOR_INCIDENT_STATE = {
  proposed: 'Proposed',
  accepted: 'Accepted',
  rejected: 'Rejected',
  canceled: 'Canceled',
};
export const PROBLEM_STATE = {
  '101': 'New',
  '102': 'Assess',
  '103': 'Root Cause Analysis',
  '104': 'Fix in Progress',
  '106': 'Resolved',
  '107': 'Closed',
};
/** An IRM issue's life cycle as this simulator models it (instances configure their own). */
export const GRC_ISSUE_STATE = {
  '1': 'New',
  '2': 'Analyze',
  '3': 'Closed',
};
export const PROBLEM_RESOLUTION = {
  fix_applied: 'Fix Applied',
  risk_accepted: 'Risk Accepted',
  canceled: 'Canceled',
  duplicate: 'Duplicate',
};
export const CHANGE_STATE = {
  '-5': 'New',
  '-4': 'Assess',
  '-3': 'Authorize',
  '-2': 'Scheduled',
  '-1': 'Implement',
  '0': 'Review',
  '3': 'Closed',
  '4': 'Canceled',
};
export const CHANGE_TYPE = { normal: 'Normal', standard: 'Standard', emergency: 'Emergency' };
export const APPROVAL = {
  'not requested': 'Not Yet Requested',
  requested: 'Requested',
  approved: 'Approved',
  rejected: 'Rejected',
};
export const RISK = { '1': 'Very High', '2': 'High', '3': 'Moderate', '4': 'Low' };
export const CHANGE_PRIORITY = { '1': '1 - Critical', '2': '2 - High', '3': '3 - Moderate', '4': '4 - Low' };
export const CHANGE_CLOSE_CODE = {
  successful: 'Successful',
  successful_issues: 'Successful with issues',
  unsuccessful: 'Unsuccessful',
};
export const REQUEST_ITEM_STATE = {
  '-5': 'Pending',
  '1': 'Open',
  '2': 'Work in Progress',
  '3': 'Closed Complete',
  '4': 'Closed Incomplete',
  '7': 'Closed Skipped',
};
export const REQUEST_STAGE = {
  waiting_for_approval: 'Waiting for Approval',
  request_approved: 'Request Approved',
  fulfillment: 'Fulfillment',
  delivery: 'Delivery',
  complete: 'Completed',
  'Request Cancelled': 'Request Cancelled',
};
export const REQUEST_STATE = {
  requested: 'Pending Approval',
  in_process: 'Approved',
  closed_complete: 'Closed Complete',
  closed_incomplete: 'Closed Incomplete',
  closed_cancelled: 'Closed Cancelled',
};
export const SLA_STAGE = {
  in_progress: 'In progress',
  paused: 'Paused',
  achieved: 'Achieved',
  breached: 'Breached',
  completed: 'Completed',
  cancelled: 'Cancelled',
};
export const SLA_TYPE = { SLA: 'SLA', OLA: 'OLA', 'Underpinning contract': 'Underpinning contract' };
export const SLA_TARGET = { response: 'Response', resolution: 'Resolution' };
export const KB_WORKFLOW_STATE = {
  draft: 'Draft',
  review: 'Review',
  published: 'Published',
  pending_retirement: 'Pending Retirement',
  retired: 'Retired',
  outdated: 'Outdated',
};
export const OPERATIONAL_STATUS = {
  '1': 'Operational',
  '2': 'Non-Operational',
  '3': 'Repair in Progress',
  '4': 'DR Standby',
  '5': 'Ready',
  '6': 'Retired',
};
export const INSTALL_STATUS = {
  '1': 'Installed',
  '2': 'On Order',
  '3': 'In Maintenance',
  '4': 'Pending Install',
  '5': 'Pending Repair',
  '6': 'In Stock',
  '7': 'Retired',
  '100': 'Absent',
};
export const CI_CLASS = {
  cmdb_ci: 'Configuration Item',
  cmdb_ci_server: 'Server',
  cmdb_ci_app_server: 'Application Server',
  cmdb_ci_database: 'Database',
  cmdb_ci_netgear: 'Network Gear',
  cmdb_ci_appl: 'Application',
  cmdb_ci_service: 'Business Service',
};
export const BUSINESS_CRITICALITY = {
  '1 - most critical': '1 - most critical',
  '2 - somewhat critical': '2 - somewhat critical',
  '3 - less critical': '3 - less critical',
  '4 - not critical': '4 - not critical',
};
export const REVIEW_TYPE = {
  management_review: 'Management review',
  internal_audit: 'Internal audit',
  continuity_test: 'Service continuity test',
  supplier_review: 'Supplier review',
  capacity_review: 'Capacity review',
  service_report: 'Service report',
  risk_assessment: 'Risk assessment',
  availability_review: 'Availability review',
};
export const REVIEW_STATE = {
  planned: 'Planned',
  in_progress: 'In progress',
  completed: 'Completed',
  canceled: 'Canceled',
};
