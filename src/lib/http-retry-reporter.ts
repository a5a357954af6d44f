// Turns the HTTP client's per-retry callback into the connector-level event the service counts, so every
// connector reports retries the same way without repeating the mapping.
import type { HttpRetryEvent } from '../contracts/connector.js';
import type { HttpClientOptions } from './http.js';

/** What a connector's deps carry for this: the listener, optional (tests and the CLI pass none). */
export interface HttpRetryListener {
  onHttpRetry?: (event: HttpRetryEvent) => void;
}

/**
 * The `onRetry` option for a connector's HTTP client: reports each retried attempt as an HttpRetryEvent
 * named for the connector. `deps.onHttpRetry` is read at each retry, not captured, like the inline lambda.
 */
export function httpRetryReporter(
  connector: string,
  deps: Readonly<HttpRetryListener>,
): NonNullable<HttpClientOptions['onRetry']> {
  return (info) =>
    deps.onHttpRetry?.({
      connector,
      reason: info.reason,
      ...(info.status === undefined ? {} : { status: info.status }),
    });
}
