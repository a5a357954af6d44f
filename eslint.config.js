// Lint rules, including the import boundary of the architecture: connectors may import only
// src/contracts and src/lib, and src/* never imports connectors/* except the composition root and the CLI.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Import specifiers are matched as written (relative paths), so regular expressions say it exactly.
const connectorBoundary = {
  patterns: [
    {
      regex: '(^|/)src/(?!(contracts|lib)/)',
      message: 'Connectors may import only src/contracts and src/lib (DESIGN section 3).',
    },
  ],
};

const coreBoundary = {
  patterns: [
    {
      regex: '(^|/)connectors/',
      message: 'Only src/app.ts and src/cli may import connectors (DESIGN section 3).',
    },
  ],
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'data/**', '.bench-data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['connectors/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', connectorBoundary] },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/app.ts', 'src/cli/**'],
    rules: { 'no-restricted-imports': ['error', coreBoundary] },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
);
