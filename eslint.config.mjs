import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', '.vscode-test/', 'test/e2e/artifacts/', 'test/e2e/.cache/', 'test/vscode/.build/', '*.vsix', 'test/fixtures/'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    // src/core and src/providers run in plain Node: the CLI and mocha load them without VS Code.
    files: ['src/core/**/*.ts', 'src/providers/**/*.ts', 'src/sources/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: ['vscode'] }] },
  },
  {
    files: ['esbuild.js', '**/*.cjs', 'test/e2e/fixtures/**/*.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
