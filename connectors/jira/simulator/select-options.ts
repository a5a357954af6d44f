// The options of the simulated select fields, shared by every issue that holds one.

/** Select options with ids counting up from `firstId`, as Jira numbers a field's options. */
function options(firstId: number, ...values: string[]) {
  return values.map((value, i) => ({ self: '', value, id: String(firstId + i) }));
}

export const IMPACTS = options(
  10100,
  'Extensive / Widespread',
  'Significant / Large',
  'Moderate / Limited',
  'Minor / Localized',
);
export const URGENCIES = options(10110, 'Critical', 'High', 'Medium', 'Low');
export const CHANGE_TYPES = options(10120, 'Standard', 'Normal', 'Emergency');
export const CHANGE_RISKS = options(10130, 'Low', 'Medium', 'High', 'Critical');
export const CHANGE_REASONS = options(10140, 'Repair', 'Upgrade', 'New functionality', 'Maintenance');
export const MAJOR = options(10150, 'Major incident');
export const REVIEW_TYPE_OPTIONS = options(
  10160,
  'Management review',
  'Internal audit',
  'Continuity test',
  'Capacity review',
  'Supplier review',
);
