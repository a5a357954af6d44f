import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderErrorCatalogue } from '../../src/contracts/errors-doc.js';
import { AppError, ERROR_CATALOGUE } from '../../src/contracts/index.js';

describe('error catalogue', () => {
  it('docs/errors.md is the rendered catalogue (run `npm run docs:errors` after changing codes)', () => {
    expect(readFileSync('docs/errors.md', 'utf8')).toBe(renderErrorCatalogue());
  });

  it('every code has a meaning, a fix and an exit code', () => {
    for (const [code, info] of Object.entries(ERROR_CATALOGUE)) {
      expect(info.meaning.length, code).toBeGreaterThan(10);
      expect(info.fix.length, code).toBeGreaterThan(10);
      expect([1, 2, 3]).toContain(info.exit);
    }
  });

  it('AppError exposes the catalogue entry of its code', () => {
    const error = new AppError('SOURCE_AUTH_FAILED', 'denied');
    expect(error.exitCode).toBe(3);
    expect(error.fix).toBe(ERROR_CATALOGUE.SOURCE_AUTH_FAILED.fix);
    expect(error.retryable).toBe(false);
  });
});
