// Numeric comparison chosen once per condition, so the per-record path is a single call.
import type { Operator } from './filter-schema.js';

export type NumberTest = (a: number, b: number) => boolean;

const TESTS: Partial<Record<Operator, NumberTest>> = {
  eq: (a, b) => a === b,
  ne: (a, b) => a !== b,
  gt: (a, b) => a > b,
  gte: (a, b) => a >= b,
  lt: (a, b) => a < b,
  lte: (a, b) => a <= b,
};

export function numberTest(op: Operator): NumberTest {
  const test = TESTS[op];
  if (test === undefined) throw new Error(`operator ${op} does not compare numbers`);
  return test;
}
