// Compiles a validated pack once: params merged with config overrides, every control a closure.
import { AppError } from '../contracts/errors.js';
import type { Params } from './compile-filter.js';
import type { CompiledControl } from './control-context.js';
import { compileAggregateControl } from './kind-aggregate.js';
import { compileFreshnessControl } from './kind-freshness.js';
import { compileRecordControl } from './kind-record.js';
import { compileRelationControl } from './kind-relation.js';
import type { Clause, Control, Pack, ParamOverrides, ParamValueType, Waiver } from './pack-schema.js';
import { newFrame, type Frame } from './record-view.js';
import { compileWaivers, type WaiverIndex } from './waivers.js';

export interface CompileOptions {
  /** Per-control param values from config: `{ 'CONTROL-ID': { name: value } }`. */
  params?: ParamOverrides;
  waivers?: readonly Waiver[];
}

export interface CompiledPack {
  clauses: readonly Clause[];
  controls: readonly CompiledControl[];
  waivers: WaiverIndex;
  /** Shared by the compiled readers; evaluatePack sets its record view for one evaluation. */
  frame: Frame;
}

function typeOf(value: ParamValueType): string {
  return Array.isArray(value) ? 'list' : typeof value;
}

function mergeParams(
  control: Control,
  overrides: Readonly<Record<string, ParamValueType>> | undefined,
): Params {
  const defaults = control.params ?? {};
  for (const [name, value] of Object.entries(overrides ?? {})) {
    const declared = defaults[name];
    if (declared === undefined) {
      throw new AppError(
        'MAPPING_INVALID',
        `params.${control.id}.${name}: control ${control.id} has no param "${name}"`,
      );
    }
    if (typeOf(declared) !== typeOf(value)) {
      throw new AppError(
        'MAPPING_INVALID',
        `params.${control.id}.${name}: expected a ${typeOf(declared)} like the default, got a ${typeOf(value)}`,
      );
    }
  }
  return { ...defaults, ...overrides };
}

export function compileControl(control: Control, params: Params, frame: Frame = newFrame()): CompiledControl {
  switch (control.kind) {
    case 'record':
      return compileRecordControl(control, params, frame);
    case 'aggregate':
      return compileAggregateControl(control, params, frame);
    case 'freshness':
      return compileFreshnessControl(control, params, frame);
    case 'relation':
      return compileRelationControl(control, params, frame);
  }
}

export function compilePack(pack: Pack, options: CompileOptions = {}): CompiledPack {
  const ids = new Set(pack.controls.map((c) => c.id));
  for (const id of Object.keys(options.params ?? {})) {
    if (!ids.has(id)) throw new AppError('MAPPING_INVALID', `params.${id}: the pack has no control "${id}"`);
  }
  const frame = newFrame();
  return {
    clauses: pack.clauses,
    controls: pack.controls.map((c) => compileControl(c, mergeParams(c, options.params?.[c.id]), frame)),
    waivers: compileWaivers(options.waivers ?? []),
    frame,
  };
}
