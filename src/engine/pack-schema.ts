// The pack's files as zod schemas: clauses.yaml and controls/*.yaml. Types are inferred from here.
import { z } from 'zod';
import { RecordKindSchema } from '../contracts/records.js';
import {
  FilterSchema,
  OperatorSchema,
  ParamRefSchema,
  UnitSchema,
  ValueTypeSchema,
} from './filter-schema.js';

export const CLAUSE_ID = /^\d+(\.\d+)*$/;
export const CONTROL_ID = /^[A-Z][A-Z0-9]*(-[A-Za-z0-9]+)*$/;

export const ClauseSchema = z.strictObject({
  id: z.string().regex(CLAUSE_ID, 'must be a clause number such as 8.6.1'),
  title: z.string().min(1),
  parent: z.string().regex(CLAUSE_ID, 'must be a clause number such as 8.6').optional(),
  crosswalk2011: z.array(z.string()).optional(),
  automation: z.enum(['automated', 'manual']),
  evidence: z.array(z.string()).optional(),
});
export type Clause = z.infer<typeof ClauseSchema>;

export const ClausesFileSchema = z.strictObject({ clauses: z.array(ClauseSchema) });

const NumberOrParam = z.union([z.number(), ParamRefSchema]);
const ParamValue = z.union([z.string(), z.number(), z.boolean(), z.array(z.union([z.string(), z.number()]))]);
export type ParamValueType = z.infer<typeof ParamValue>;

/** A numeric field to average or rank: a number, an age or the duration between two dates. */
export const FieldMeasureSchema = z.strictObject({
  field: z.string().min(1),
  value_type: ValueTypeSchema.optional(),
  from: z.string().min(1).optional(),
  unit: UnitSchema.optional(),
});
export type FieldMeasure = z.infer<typeof FieldMeasureSchema>;

export const MeasureSchema = z.union([
  z.strictObject({ count: z.literal(true) }),
  z.strictObject({ ratio: FilterSchema }),
  z.strictObject({ average: FieldMeasureSchema }),
  z.strictObject({
    percentile: FieldMeasureSchema.extend({
      p: z.number().min(0, 'must be between 0 and 100').max(100, 'must be between 0 and 100'),
    }).strict(),
  }),
]);
export type Measure = z.infer<typeof MeasureSchema>;

const common = {
  id: z.string().regex(CONTROL_ID, 'must be upper-case words joined by dashes, e.g. INC-RESOLVE-CODE'),
  title: z.string().min(1),
  clauses: z.array(z.string()).min(1, 'must list at least one clause id'),
  resource: RecordKindSchema,
  severity: z.enum(['info', 'minor', 'major']),
  scope: FilterSchema.optional(),
  reason: z.string().min(1),
  guidance: z.string().min(1),
  params: z.record(z.string(), ParamValue).optional(),
};

export const RecordControlSchema = z.strictObject({
  ...common,
  kind: z.literal('record'),
  assert: FilterSchema,
});

export const AggregateControlSchema = z.strictObject({
  ...common,
  kind: z.literal('aggregate'),
  group_by: z.string().min(1).optional(),
  window: z.strictObject({ field: z.string().min(1), days: NumberOrParam }).optional(),
  measure: MeasureSchema,
  threshold: z.strictObject({ op: OperatorSchema, value: NumberOrParam }),
  min_count: NumberOrParam.optional(),
  /**
   * Fields at least one in-scope record of a group must hold. A measure over a field no record has
   * (the source does not record it) would read as a perfect 0%; the group skips and says why instead.
   */
  requires: z.array(z.string().min(1)).min(1).optional(),
});

export const FreshnessControlSchema = z.strictObject({
  ...common,
  kind: z.literal('freshness'),
  date_field: z.string().min(1),
  max_age_days: NumberOrParam,
  group_by: z.string().min(1).optional(),
});

export const RelationControlSchema = z.strictObject({
  ...common,
  kind: z.literal('relation'),
  related: z.strictObject({
    resource: RecordKindSchema,
    /** `to` may list several fields: a related record matches when any of them holds the value. */
    match: z.strictObject({
      field: z.string().min(1),
      to: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
    }),
    scope: FilterSchema.optional(),
  }),
  require: z.enum(['present', 'absent']),
  min_related: NumberOrParam.optional(),
});

export const ControlSchema = z.discriminatedUnion('kind', [
  RecordControlSchema,
  AggregateControlSchema,
  FreshnessControlSchema,
  RelationControlSchema,
]);
export type Control = z.infer<typeof ControlSchema>;
export type RecordControl = z.infer<typeof RecordControlSchema>;
export type AggregateControl = z.infer<typeof AggregateControlSchema>;
export type FreshnessControl = z.infer<typeof FreshnessControlSchema>;
export type RelationControl = z.infer<typeof RelationControlSchema>;

export const ControlsFileSchema = z.strictObject({ controls: z.array(z.unknown()) });

/** A waiver from config: an accepted gap, visible as `waived` until it expires. */
export const WaiverSchema = z.strictObject({
  control: z.string().min(1),
  subject: z.string().min(1).optional(),
  reason: z.string().min(1),
  expires: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD'),
});
export type Waiver = z.infer<typeof WaiverSchema>;

/** Per-control overrides of param defaults, from config. */
export const ParamOverridesSchema = z.record(z.string(), z.record(z.string(), ParamValue));
export type ParamOverrides = z.infer<typeof ParamOverridesSchema>;

export interface Pack {
  /** The pack directory, as given. */
  dir: string;
  clauses: Clause[];
  controls: Control[];
}
