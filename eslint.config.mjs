import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

// The layers of src/ (docs/ARCHITECTURE.md): imports point down only. An import of a layer is
// matched by its relative path, e.g. '../providers/http' or '../../webview/protocol'.
const layer = (name, rest = '(/|$)') => ({ regex: `^(\\.\\.?/)+${name}${rest}`, message: `this layer may not import src/${name}` });
const vscodeApi = { name: 'vscode', message: 'only src/vscode and src/extension.ts run inside VS Code' };
const nodeBuiltins = [
  { regex: '^node:', message: 'src/core is pure logic: Node built-ins belong in src/sources, src/providers or the faces' },
  { regex: `^(${builtinModules.filter((m) => !m.startsWith('_')).join('|')})(/|$)`, message: 'src/core is pure logic: Node built-ins belong in src/sources, src/providers or the faces' },
];
const hostLayers = [layer('cli'), layer('webview', '(/(?!(protocol|format)$)|$)')];
/** Code the web worker runs: no Node built-ins, and not the Node-only readers of src/sources and src/providers. */
const webWorker = [
  ...nodeBuiltins.map((p) => ({ ...p, message: 'the web worker has no Node: reach Node through src/vscode/platform.ts' })),
  { regex: '(^|/)(sources/nodeFs|nodePlatform)$', message: "Node's file system reaches the extension only through the Platform that src/extension.ts passes" },
  { regex: '(^|/)providers/undiciTransport$', message: 'the extension sends through VS Code\'s fetch (src/providers/fetchTransport.ts)' },
];
const restrict = (...patterns) => ['error', { paths: [vscodeApi], patterns: patterns.flat() }];

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
    // Type-aware rules, each file with the TypeScript config of the runtime it runs in
    // (samples/ is text to rank, not part of the build).
    files: ['**/*.ts'],
    ignores: ['samples/**'],
    languageOptions: {
      parserOptions: {
        project: ['./tsconfig.webview.json', './tsconfig.json', './tsconfig.browser-tests.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  // The layers.
  {
    files: ['src/core/**/*.ts'],
    rules: { 'no-restricted-imports': restrict(nodeBuiltins, ['providers', 'sources', 'eval', 'webview', 'vscode', 'cli'].map((l) => layer(l))) },
  },
  {
    files: ['src/providers/**/*.ts'],
    rules: { 'no-restricted-imports': restrict(['sources', 'eval', 'webview', 'vscode', 'cli'].map((l) => layer(l))) },
  },
  {
    files: ['src/sources/**/*.ts'],
    rules: { 'no-restricted-imports': restrict(['eval', 'webview', 'vscode', 'cli'].map((l) => layer(l))) },
  },
  {
    files: ['src/eval/**/*.ts'],
    rules: { 'no-restricted-imports': restrict(['webview', 'vscode', 'cli'].map((l) => layer(l))) },
  },
  {
    // The panel's page: a browser, with the core's pure logic and its own protocol.
    files: ['src/webview/**/*.ts'],
    rules: { 'no-restricted-imports': restrict(nodeBuiltins, ['providers', 'sources', 'eval', 'vscode', 'cli'].map((l) => layer(l)), { regex: '^undici$' }) },
  },
  {
    files: ['src/cli.ts', 'src/cli/**/*.ts'],
    rules: { 'no-restricted-imports': restrict(['webview', 'vscode'].map((l) => layer(l))) },
  },
  {
    // The host shares the panel's message types and its formatting of scores and sources, nothing else of the page.
    files: ['src/extension.ts', 'src/vscode/nodePlatform.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: hostLayers }] },
  },
  {
    // The same, and no Node: the browser entry (dist/web/extension.js, a web worker) reaches all of this.
    // What needs Node goes through src/vscode/platform.ts, implemented in src/vscode/nodePlatform.ts.
    files: ['src/web/**/*.ts', 'src/vscode/**/*.ts'],
    ignores: ['src/vscode/nodePlatform.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [...hostLayers, ...webWorker] }] },
  },
  {
    // activateRerank() wires: what it builds (a pool, a dispatcher, a command's logic) lives with the feature it serves.
    files: ['src/vscode/activate.ts', 'src/extension.ts', 'src/web/extension.ts'],
    rules: { 'max-lines': ['error', { max: 60 }] },
  },
  {
    // Only the panel's page has a DOM.
    files: ['src/**/*.ts'],
    ignores: ['src/webview/**'],
    rules: { 'no-restricted-globals': ['error', ...['document', 'window', 'navigator', 'HTMLElement'].map((name) => ({ name, message: 'only src/webview runs in a browser' }))] },
  },
  {
    files: ['esbuild.js', '**/*.cjs', 'test/e2e/fixtures/**/*.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
