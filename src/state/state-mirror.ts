// A read-only copy of state kept current by the changes the store reports (state-changes.ts): the
// service's API thread reads it while the cycle worker owns the store and its file.
import { applyStateChange, type StateChange } from './state-changes.js';
import { emptyState, type StateData } from './state-schema.js';

export interface StateMirror {
  readonly data: Readonly<StateData>;
  /** Follows one change the store made. */
  apply(change: StateChange): void;
  /** Starts again from a whole copy (when a new store has opened the file). */
  reset(snapshot: StateData): void;
}

export function createStateMirror(snapshot: StateData = emptyState()): StateMirror {
  let data = snapshot;
  return {
    get data() {
      return data;
    },
    apply: (change) => applyStateChange(data, change),
    reset: (next) => {
      data = next;
    },
  };
}
