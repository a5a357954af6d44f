// Composition root: turns a validated configuration into connectors, state and a logger.
import { CONNECTOR_TYPES, type SourceDeps } from '../connectors/index.js';
import type { SinkConnector, SourceConnector } from './contracts/index.js';
import { AppError } from './contracts/index.js';
import type { AppConfig } from './settings/schema.js';

/** The enabled sources; `deps.onHttpRetry` (optional) hears each of their retried HTTP attempts. */
export function createSources(config: AppConfig, deps: SourceDeps): SourceConnector[] {
  return config.sources
    .filter((source) => source.enabled)
    .map((source) => {
      const type = CONNECTOR_TYPES[source.type];
      if (type === undefined)
        throw new AppError('CONFIG_INVALID', `source "${source.id}": unknown type "${source.type}"`);
      return type.createSource(source, deps);
    });
}

/** The enabled ticket sinks; empty when tickets are off. `deps` is shared with the sources (SourceDeps). */
export function createSinks(config: AppConfig, deps: SourceDeps): SinkConnector[] {
  if (!config.tickets.enabled) return [];
  return config.tickets.sinks
    .filter((sink) => sink.enabled)
    .map((sink) => {
      const factory = CONNECTOR_TYPES[sink.type]?.sink;
      if (factory === undefined)
        throw new AppError('CONFIG_INVALID', `sink "${sink.id}": type "${sink.type}" takes no tickets`);
      return factory.createSink(sink, deps);
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
