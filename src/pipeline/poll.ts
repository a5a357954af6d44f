// Polls every configured source: sources in parallel, the streams of one source one after another (one
// instance's rate limit is shared by its streams). A source that fails its check is reported, not polled.
import type { Logger, SourceConnector } from '../contracts/index.js';
import type { AppError } from '../contracts/index.js';
import type { RecordCache } from '../state/record-cache.js';
import type { StateStore } from '../state/state-store.js';
import type { StreamOutcome, StreamProgress } from './poll-stream.js';
import { pollStream } from './poll-stream.js';

export interface SourceOutcome {
  source: string;
  /** Set when the source failed its check; no stream was polled. */
  checkError?: AppError;
  streams: StreamOutcome[];
}

export interface PollDeps {
  cache: RecordCache;
  state: StateStore;
  log: Logger;
  signal: AbortSignal;
  now?: () => number;
  onProgress?: (progress: StreamProgress) => void;
}

export async function pollSources(
  sources: readonly SourceConnector[],
  deps: PollDeps,
): Promise<SourceOutcome[]> {
  const now = deps.now ?? Date.now;
  return Promise.all(
    sources.map(async (source): Promise<SourceOutcome> => {
      const check = await source.check(deps.signal);
      if (!check.ok) {
        deps.log.error({ source: source.id, code: check.error.code }, check.error.message);
        return { source: source.id, checkError: check.error, streams: [] };
      }
      const streams: StreamOutcome[] = [];
      for (const stream of source.streams()) {
        if (deps.signal.aborted) break;
        streams.push(
          await pollStream(source, stream, {
            cache: deps.cache,
            state: deps.state,
            log: deps.log,
            signal: deps.signal,
            now,
            ...(deps.onProgress === undefined ? {} : { onProgress: deps.onProgress }),
          }),
        );
      }
      return { source: source.id, streams };
    }),
  );
}

export type { StreamOutcome, StreamProgress };
