// The static registry of connector types. Only the composition root and the CLI import it.
import type { z } from 'zod';
import { ServiceNowSourceConfigSchema } from './servicenow/config.js';

export interface ConnectorType {
  /** Validates one entry of `sources:` whose `type` names this connector. */
  configSchema: z.ZodType;
}

export const CONNECTOR_TYPES = {
  servicenow: { configSchema: ServiceNowSourceConfigSchema },
} as const satisfies Record<string, ConnectorType>;

/** The config schema of each source type, for the settings loader. */
export function sourceConfigSchemas(): Record<string, z.ZodType> {
  return Object.fromEntries(Object.entries(CONNECTOR_TYPES).map(([type, c]) => [type, c.configSchema]));
}
