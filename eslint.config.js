// Team issue 16 (structure item 5): one type-aware rule, no floating promises (STYLE.md, house habit 4);
// test/boundaries.test.ts runs it in `npm test`.
import tseslint from 'typescript-eslint';

export default [
  { ignores: ['node_modules/', 'dist/', 'data/', 'test/artifacts/', 'compose/images/.build/', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { project: './tsconfig.json', tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: { '@typescript-eslint/no-floating-promises': 'error' },
  },
];
