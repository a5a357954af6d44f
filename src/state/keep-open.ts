// Keeps each stream's cache loaded between polls. A long-running service polls the same streams every few
// minutes: reloading a million-record cache each time would cost seconds, holding it costs nothing more.
import type { RecordCache, StreamCache, StreamKey } from './record-cache.js';

export interface KeptOpenRecordCache extends RecordCache {
  /** Closes every stream cache for real (shutdown). */
  closeAll(): Promise<void>;
}

export function keepOpen(inner: RecordCache): KeptOpenRecordCache {
  const open = new Map<string, Promise<StreamCache>>();
  const id = (key: StreamKey) => JSON.stringify([key.source, key.stream]);
  return {
    list: () => inner.list(),
    open(key) {
      let cache = open.get(id(key));
      if (cache === undefined) {
        cache = inner.open(key);
        open.set(id(key), cache);
        // A failed open must not poison later attempts.
        cache.catch(() => open.delete(id(key)));
      }
      // Callers close what they open; here closing means "done for this poll", so it is a no-op.
      return cache.then(withoutClose);
    },
    async closeAll() {
      const caches = await Promise.allSettled(open.values());
      open.clear();
      for (const result of caches) if (result.status === 'fulfilled') await result.value.close();
    },
  };
}

/** A view of the stream cache whose close() does nothing (the class keeps private fields, so delegate). */
function withoutClose(stream: StreamCache): StreamCache {
  return {
    get key() {
      return stream.key;
    },
    get records() {
      return stream.records;
    },
    get cursor() {
      return stream.cursor;
    },
    get resetReason() {
      return stream.resetReason;
    },
    commit: (upserts, deletes, cursor) => stream.commit(upserts, deletes, cursor),
    compact: (options) => stream.compact(options),
    clear: () => stream.clear(),
    close: () => Promise.resolve(),
  };
}
