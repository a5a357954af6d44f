// The mapping engine's public surface: load and validate a pack, compile it once, evaluate it.
export { loadPack, type LoadedPack } from './load-pack.js';
export { compilePack, type CompileOptions, type CompiledPack } from './compile-pack.js';
export { allResults, evaluatePack, type Evaluation } from './evaluate-pack.js';
export { passedCount, passedResults, type PassedRecords } from './passed.js';
export { formatMappingProblem, mappingError, type MappingProblem } from './mapping-problem.js';
export type { CompiledControl, RecordsOf } from './control-context.js';
export * from './pack-schema.js';
export * from './filter-schema.js';
export * from './result.js';
