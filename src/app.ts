// Composition root: turns a validated configuration into connectors, state and a logger.
import { CONNECTOR_TYPES } from '../connectors/index.js';
import type { Logger, SourceConnector } from './contracts/index.js';
import { AppError } from './contracts/index.js';
import type { AppConfig } from './settings/schema.js';

export function createSources(
  config: AppConfig,
  deps: { log: Logger; now?: () => number },
): SourceConnector[] {
  return config.sources
    .filter((source) => source.enabled)
    .map((source) => {
      const type = CONNECTOR_TYPES[source.type];
      if (type === undefined)
        throw new AppError('CONFIG_INVALID', `source "${source.id}": unknown type "${source.type}"`);
      return type.createSource(source, deps);
    });
}

/** Every secret-looking value of the configuration, so the logger can scrub it from any message. */
export function collectSecrets(value: unknown, key = '', found: string[] = []): string[] {
  if (typeof value === 'string') {
    if (/password|secret|token|apikey|api_key/i.test(key) && value.length >= 4) found.push(value);
  } else if (Array.isArray(value)) {
    for (const item of value) collectSecrets(item, key, found);
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) collectSecrets(v, k, found);
  }
  return found;
}
