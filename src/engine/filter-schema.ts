// The filter language shared by scope, assert, ratio measures and related scopes. The zod schema is the
// type's source of truth; check-filter.ts walks the same shape to give one precise line per mistake,
// because a failed union in zod only says "no form matched".
import { z } from 'zod';

export const OPERATORS = [
  'eq',
  'ne',
  'gt',
  'gte',
  'lt',
  'lte',
  'in',
  'not-in',
  'contains',
  'regex',
  'present',
  'absent',
  'empty',
] as const;
export const OperatorSchema = z.enum(OPERATORS);
export type Operator = z.infer<typeof OperatorSchema>;

export const VALUE_TYPES = ['age', 'date', 'number', 'duration'] as const;
export const ValueTypeSchema = z.enum(VALUE_TYPES);
export type ValueType = z.infer<typeof ValueTypeSchema>;

export const UNITS = ['days', 'hours', 'minutes'] as const;
export const UnitSchema = z.enum(UNITS);
export type Unit = z.infer<typeof UnitSchema>;

/** A value written in the pack, or a reference to one of the control's params. */
export const ParamRefSchema = z.strictObject({ param: z.string().min(1) });
export type ParamRef = z.infer<typeof ParamRefSchema>;

const Scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export const FilterValueSchema = z.union([Scalar, z.array(Scalar), ParamRefSchema]);
export type FilterValue = z.infer<typeof FilterValueSchema>;

export const ConditionSchema = z.strictObject({
  field: z.string().min(1),
  op: OperatorSchema,
  value: FilterValueSchema.optional(),
  value_type: ValueTypeSchema.optional(),
  from: z.string().min(1).optional(),
  unit: UnitSchema.optional(),
  /** Compare text without regard to case (eq, ne, in, not-in, contains, regex). */
  ignore_case: z.boolean().optional(),
});
export type Condition = z.infer<typeof ConditionSchema>;

export type Filter =
  | readonly Filter[]
  | { or: readonly Filter[] }
  | { and: readonly Filter[] }
  | { not: Filter }
  | Condition
  | Record<string, string | number | boolean | null>;

export const FilterSchema: z.ZodType<Filter> = z.lazy(() =>
  z.union([
    z.array(FilterSchema),
    z.strictObject({ or: z.array(FilterSchema) }),
    z.strictObject({ and: z.array(FilterSchema) }),
    z.strictObject({ not: FilterSchema }),
    ConditionSchema,
    z.record(z.string(), Scalar),
  ]),
);

/** Operators that compare one value and so take a scalar, never a list. */
export const SCALAR_OPS: ReadonlySet<Operator> = new Set(['eq', 'ne', 'gt', 'gte', 'lt', 'lte']);
/** Operators that compare text and so can ignore case. */
export const TEXT_OPS: ReadonlySet<Operator> = new Set(['eq', 'ne', 'in', 'not-in', 'contains', 'regex']);
/** Operators that look only at the field and take no value. */
export const UNARY_OPS: ReadonlySet<Operator> = new Set(['present', 'absent', 'empty']);
