// The settings module: the configuration schema and its loader.
export {
  buildConfigSchema,
  LOG_LEVELS,
  type AppConfig,
  type ApiConfig,
  type LogConfig,
  type SourceConfig,
  type SourceSchemas,
} from './schema.js';
export { loadConfig, parseConfigText, type LoadDeps } from './load.js';
export { formatProblem, type ConfigProblem } from './format.js';
