import path from 'node:path';
import type { AppConfig } from '../settings/schema.js';
import { projectRoot } from './project-root.js';

/** The mapping pack folder: the configured one (relative to the working directory), else the shipped pack. */
export function packDirOf(config: AppConfig): string {
  const configured = config.mappings.pack;
  return configured === undefined
    ? path.join(projectRoot(import.meta.url), 'mappings', 'iso20000-1-2018')
    : path.resolve(configured);
}
