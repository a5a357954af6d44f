// The HTTP client a ServiceNow source or sink talks to its instance with: retries reported as events,
// and authorization from basic credentials or an OAuth token fetched through a second client (the token
// endpoint must not be sent the bearer it is renewing). Closing it closes both.
import type { HttpOptions, HttpRetryEvent, Logger } from '../../src/contracts/index.js';
import { createHttpClient, type HttpClient } from '../../src/lib/http.js';
import { httpRetryReporter } from '../../src/lib/http-retry-reporter.js';
import { createAuthorizer } from './auth.js';
import type { ServiceNowAuth } from './config.js';

export interface ServiceNowDeps {
  log: Logger;
  now?: () => number;
  /** Called for each failed HTTP attempt that is retried, token requests included. */
  onHttpRetry?: (event: HttpRetryEvent) => void;
}

export function createInstanceClient(
  config: { id: string; url: string; auth: ServiceNowAuth; http: HttpOptions },
  instance: string,
  deps: ServiceNowDeps,
): HttpClient {
  const common = {
    baseURL: config.url,
    instance,
    ...config.http,
    log: deps.log,
    onRetry: httpRetryReporter(config.id, deps),
  };
  const tokenClient = createHttpClient(common);
  const authorize = createAuthorizer(config.auth, tokenClient, deps.now ?? Date.now);
  const http = createHttpClient({ ...common, authorize });
  return {
    request: (req) => http.request(req),
    get: (url, params, signal) => http.get(url, params, signal),
    close: () => {
      http.close();
      tokenClient.close();
    },
  };
}
