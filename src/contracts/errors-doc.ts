// Renders the error catalogue as Markdown, so docs/errors.md is generated and a test keeps it current.
import { ERROR_CATALOGUE } from './errors.js';

export function renderErrorCatalogue(): string {
  const rows = Object.entries(ERROR_CATALOGUE).map(
    ([code, info]) => `| \`${code}\` | ${info.exit} | ${info.meaning} | ${info.fix} |`,
  );
  return [
    '# Error codes',
    '',
    'Every error iso20k reports carries one of these codes. The CLI exit code is 0 when all went well, 1 when',
    'a run failed, 2 for invalid usage, configuration or mappings, and 3 when a source or sink could not be',
    'reached or refused us. This file is generated from `src/contracts/errors.ts` (`npm run docs:errors`).',
    '',
    '| code | exit | meaning | what to do |',
    '|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}
