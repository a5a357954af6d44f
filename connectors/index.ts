// The static registry of connector types. Only the composition root and the CLI import it.
import type { z } from 'zod';
import type { HttpRetryEvent, Logger, SinkConnector, SourceConnector } from '../src/contracts/index.js';
import { ServiceNowSourceConfigSchema } from './servicenow/config.js';
import { createServiceNowSource } from './servicenow/source.js';
import { JiraSourceConfigSchema } from './jira/config.js';
import { createJiraSource } from './jira/source.js';
import { JiraSinkConfigSchema } from './jira/sink-config.js';
import { createJiraSink } from './jira/sink.js';
import { ServiceNowSinkConfigSchema } from './servicenow/sink-config.js';
import { createServiceNowSink } from './servicenow/sink.js';

/** What the composition root hands every source and sink factory. */
export interface SourceDeps {
  log: Logger;
  now?: () => number;
  /** Called for each failed HTTP attempt that is retried (the service's metrics count them). */
  onHttpRetry?: (event: HttpRetryEvent) => void;
}

export interface ConnectorType {
  /** Validates one entry of `sources:` whose `type` names this connector. */
  configSchema: z.ZodType;
  /** Builds the source from its validated config. */
  createSource(config: unknown, deps: SourceDeps): SourceConnector;
  /** Present when the system can also receive gap tickets. */
  sink?: {
    /** Validates one entry of `tickets.sinks:` whose `type` names this connector. */
    configSchema: z.ZodType;
    createSink(config: unknown, deps: SourceDeps): SinkConnector;
  };
}

export const CONNECTOR_TYPES: Readonly<Record<string, ConnectorType>> = {
  servicenow: {
    configSchema: ServiceNowSourceConfigSchema,
    createSource: (config, deps) => createServiceNowSource(ServiceNowSourceConfigSchema.parse(config), deps),
    sink: {
      configSchema: ServiceNowSinkConfigSchema,
      createSink: (config, deps) => createServiceNowSink(ServiceNowSinkConfigSchema.parse(config), deps),
    },
  },
  jira: {
    configSchema: JiraSourceConfigSchema,
    createSource: (config, deps) => createJiraSource(JiraSourceConfigSchema.parse(config), deps),
    sink: {
      configSchema: JiraSinkConfigSchema,
      createSink: (config, deps) => createJiraSink(JiraSinkConfigSchema.parse(config), deps),
    },
  },
};

/** The config schemas of every source and sink type, for the settings loader. */
export function connectorSchemas(): {
  sourceSchemas: Record<string, z.ZodType>;
  sinkSchemas: Record<string, z.ZodType>;
} {
  return { sourceSchemas: sourceConfigSchemas(), sinkSchemas: sinkConfigSchemas() };
}

/** The config schema of each sink type. */
export function sinkConfigSchemas(): Record<string, z.ZodType> {
  return Object.fromEntries(
    Object.entries(CONNECTOR_TYPES).flatMap(([type, c]) =>
      c.sink === undefined ? [] : [[type, c.sink.configSchema] as const],
    ),
  );
}

/** The config schema of each source type, for the settings loader. */
export function sourceConfigSchemas(): Record<string, z.ZodType> {
  return Object.fromEntries(Object.entries(CONNECTOR_TYPES).map(([type, c]) => [type, c.configSchema]));
}
