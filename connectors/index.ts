// The static registry of connector types. Only the composition root and the CLI import it.
import type { z } from 'zod';
import type { Logger, SourceConnector } from '../src/contracts/index.js';
import { ServiceNowSourceConfigSchema } from './servicenow/config.js';
import { createServiceNowSource } from './servicenow/source.js';

export interface SourceDeps {
  log: Logger;
  now?: () => number;
}

export interface ConnectorType {
  /** Validates one entry of `sources:` whose `type` names this connector. */
  configSchema: z.ZodType;
  /** Builds the source from its validated config. */
  createSource(config: unknown, deps: SourceDeps): SourceConnector;
}

export const CONNECTOR_TYPES: Readonly<Record<string, ConnectorType>> = {
  servicenow: {
    configSchema: ServiceNowSourceConfigSchema,
    createSource: (config, deps) => createServiceNowSource(ServiceNowSourceConfigSchema.parse(config), deps),
  },
};

/** The config schema of each source type, for the settings loader. */
export function sourceConfigSchemas(): Record<string, z.ZodType> {
  return Object.fromEntries(Object.entries(CONNECTOR_TYPES).map(([type, c]) => [type, c.configSchema]));
}
