// kind: relation: each in-scope record must (or must not) have related records of another kind.
// References are native ids of the same source, so matches are keyed by source as well as value.
import { asKey, compileGetter } from './accessor.js';
import { compileFilter, type Params } from './compile-filter.js';
import {
  DROP,
  numberParam,
  recordsToJudge,
  reporter,
  type CompiledControl,
  type Output,
} from './control-context.js';
import type { RelationControl } from './pack-schema.js';
import { forEachWellFormed } from './each-record.js';
import type { Frame, KindRecords, RecordView } from './record-view.js';

export function compileRelationControl(
  control: RelationControl,
  params: Params,
  frame?: Frame,
): CompiledControl {
  const kind = control.resource;
  const related = control.related.resource;
  const inScope = compileFilter(control.scope, kind, params, frame);
  const relatedInScope = compileFilter(control.related.scope, related, params, frame);
  const linkOf = compileGetter(kind, control.related.match.field, frame);
  const to = control.related.match.to ?? 'id';
  const targetsOf = (Array.isArray(to) ? to : [to]).map((field) => compileGetter(related, field));
  const minRelated = numberParam(control.min_related, params, 1);
  const mustHave = control.require === 'present';
  const report = reporter(control, params);

  /**
   * Counts related records per source, then per matched value (two levels, so that looking a record up
   * builds no key string); malformed related records are left out here.
   */
  function index(view: RecordView, list: KindRecords, now: number): Map<string, Map<string, number>> {
    const counts = new Map<string, Map<string, number>>();
    forEachWellFormed(view, list, (r) => {
      try {
        if (!relatedInScope(r, now)) return;
        const source = r.source as string;
        let bySource = counts.get(source);
        let seen: string | undefined;
        for (const targetOf of targetsOf) {
          const target = targetOf(r);
          if (target === null || target === undefined) continue;
          const key = asKey(target);
          // One related record counts once per value, even when several of its fields hold it.
          if (key === seen) continue;
          seen = key;
          if (bySource === undefined) counts.set(source, (bySource = new Map<string, number>()));
          bySource.set(key, (bySource.get(key) ?? 0) + 1);
        }
      } catch {
        // A malformed related record gets its own error under the controls of its kind.
      }
    });
    return counts;
  }
  // Controls that relate to the same records the same way share one index per evaluation.
  const indexKey = JSON.stringify(['relation', control.related, params]);

  let list: KindRecords | undefined;
  let now = 0;
  let out: Output = DROP;
  let counts = new Map<string, Map<string, number>>();
  let withRelated = new Set<string>();
  /** In-scope records of sources that deliver no related records at all, by source. */
  let unjudged = new Map<string, number>();
  let judged = 0;
  return {
    id: control.id,
    control,
    params,
    pass: {
      kind,
      report,
      begin(view, at, output) {
        list = recordsToJudge(view, kind, report, output);
        if (list === undefined) return false;
        const relatedList = recordsToJudge(view, related, report, output);
        if (relatedList === undefined) return false;
        now = at;
        out = output;
        counts = view.memo(indexKey, () => index(view, relatedList, at));
        withRelated = view.memo(`sources:${related}`, () => sourcesOf(relatedList));
        unjudged = new Map();
        judged = 0;
        return true;
      },
      visit(r, i) {
        if (!inScope(r, now)) return;
        const source = r.source as string;
        // References are ids of the record's own source: a source that delivers none of the related kind
        // (JSM has no agreement records for its SLAs) cannot be judged either way, so it is not.
        if (!withRelated.has(source)) {
          unjudged.set(source, (unjudged.get(source) ?? 0) + 1);
          return;
        }
        judged++;
        const link = linkOf(r);
        const count =
          link === null || link === undefined ? 0 : (counts.get(r.source as string)?.get(asKey(link)) ?? 0);
        if (mustHave ? count >= minRelated : count === 0) {
          out.passed(i);
          return;
        }
        const key = r.key as string;
        const reason = report.reason(r, key, { count, value: count, measure: String(count) });
        out.emit(report.result('alarm', key, (list as KindRecords).refsAt(i), reason));
      },
      end() {
        for (const [source, n] of [...unjudged].sort((a, b) => a[0].localeCompare(b[0]))) {
          const reason = `no ${related} records from source ${source}, so its ${n} in-scope ${kind} records cannot be judged`;
          out.emit(report.result('skip', `source ${source}`, [], reason));
        }
        if (judged === 0 && unjudged.size === 0)
          out.emit(report.result('skip', 'all', [], `no ${kind} record is in scope`));
        list = undefined;
        counts = new Map();
        out = DROP;
      },
    },
  };
}

/** The sources that delivered at least one well-formed record of a kind. */
function sourcesOf(list: KindRecords): Set<string> {
  const sources = new Set<string>();
  for (let i = 0; i < list.length; i++) {
    if (list.problemAt(i) === undefined) sources.add((list.records[i] as { source: string }).source);
  }
  return sources;
}
