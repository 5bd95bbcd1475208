import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { ESLint } from 'eslint';
import * as ts from 'typescript';

// The layers of src/ are enforced by the repository's ESLint config: these snippets, linted as if
// they were files of each layer, show each rule firing on an upward or cross-layer import and on
// the DOM outside the panel's page.

const repo = path.resolve(__dirname, '../..');

describe('layers (eslint.config.mjs)', function () {
  this.timeout(60_000);
  // The repository's config without its type-aware part: the layer rules need no type information.
  const eslint = new ESLint({
    cwd: repo,
    overrideConfig: {
      files: ['**/*.ts'],
      languageOptions: { parserOptions: { project: null } },
      rules: { '@typescript-eslint/no-floating-promises': 'off', '@typescript-eslint/no-misused-promises': 'off' },
    },
  });

  /** The layer rules (and parse errors) that fire on `code` as the file at `file` (relative to the repository). */
  async function firing(file: string, code: string): Promise<string[]> {
    const [result] = await eslint.lintText(`${code}\n`, { filePath: path.join(repo, file) });
    assert.ok(result, file);
    return result.messages.map((m) => m.ruleId ?? `parse: ${m.message}`).filter((rule) => !rule.endsWith('no-unused-vars'));
  }

  const refused: [string, string][] = [
    ['src/core/probe.ts', "import type { RemoteOptions } from '../providers/remote';"],
    ['src/core/probe.ts', "import { collectFileCandidates } from '../sources/index';"],
    ['src/core/probe.ts', "import type { PanelToHost } from '../webview/protocol';"],
    ['src/core/probe.ts', "import { readFileSync } from 'node:fs';"],
    ['src/core/probe.ts', "import { readFileSync } from 'fs';"],
    ['src/core/probe.ts', "import * as path from 'path';"],
    ['src/core/probe.ts', "import * as vscode from 'vscode';"],
    ['src/providers/probe.ts', "import { collectFileCandidates } from '../sources/index';"],
    ['src/providers/probe.ts', "import * as vscode from 'vscode';"],
    ['src/providers/probe.ts', "import { runCli } from '../cli';"],
    ['src/sources/probe.ts', "import { registerWorkspace } from '../vscode/workspace/index';"],
    ['src/sources/probe.ts', "import { parseCliArgs } from '../cli/args';"],
    ['src/sources/probe.ts', "import type { PanelToHost } from '../webview/protocol';"],
    ['src/eval/probe.ts', "import { parseCliArgs } from '../cli/args';"],
    ['src/eval/probe.ts', "import * as vscode from 'vscode';"],
    ['src/webview/probe.ts', "import { RemoteRanker } from '../providers/remote';"],
    ['src/webview/probe.ts', "import { readFileSync } from 'node:fs';"],
    ['src/webview/probe.ts', "import { exportRun } from '../vscode/panel/exporters';"],
    ['src/cli/probe.ts', "import * as vscode from 'vscode';"],
    ['src/cli/probe.ts', "import { settings } from '../vscode/settings';"],
    ['src/cli.ts', "import { settings } from './vscode/settings';"],
    ['src/vscode/panel/probe.ts', "import { parseCliArgs } from '../../cli/args';"],
    ['src/vscode/panel/probe.ts', "import { renderTable } from '../../webview/table';"],
    ['src/extension.ts', "import { runCli } from './cli';"],
    // What the browser entry reaches runs in a web worker: no Node there.
    ['src/vscode/panel/probe.ts', "import { randomBytes } from 'node:crypto';"],
    ['src/vscode/probe.ts', "import * as os from 'os';"],
    ['src/vscode/workspace/probe.ts', "import { createNodeFs } from '../../sources/nodeFs';"],
    ['src/vscode/probe.ts', "import { undiciTransport } from '../providers/undiciTransport';"],
    ['src/web/probe.ts', "import { nodePlatform } from '../vscode/nodePlatform';"],
    ['src/web/probe.ts', "import { readFileSync } from 'node:fs';"],
  ];
  for (const [file, code] of refused) {
    it(`refuses in ${file}: ${code}`, async () => {
      assert.deepEqual(await firing(file, code), ['no-restricted-imports']);
    });
  }

  const allowed: [string, string][] = [
    ['src/core/probe.ts', "import type { Candidate } from './types';"],
    ['src/providers/probe.ts', "import type { Candidate } from '../core/types';"],
    ['src/sources/probe.ts', "import { createNodeFs } from './nodeFs';\nimport { readFileSync } from 'node:fs';"],
    ['src/eval/probe.ts', "import { rerank } from '../core/engine';"],
    ['src/webview/probe.ts', "import type { Run } from '../core/types';\nimport { isPanelMessage } from './protocol';\nimport * as l10n from '@vscode/l10n';"],
    ['src/cli/probe.ts', "import { createRanker } from '../providers/index';\nimport { evaluate } from '../eval/evaluate';"],
    ['src/vscode/panel/probe.ts', "import * as vscode from 'vscode';\nimport { isPanelMessage } from '../../webview/protocol';\nimport { formatScore } from '../../webview/format';"],
    ['src/extension.ts', "import * as vscode from 'vscode';\nimport { registerResults } from './vscode/results/index';"],
    ['src/extension.ts', "import { nodePlatform } from './vscode/nodePlatform';"],
    ['src/vscode/nodePlatform.ts', "import { realpath } from 'node:fs/promises';\nimport { createNodeFs } from '../sources/nodeFs';"],
    ['src/web/extension.ts', "import { activateRerank } from '../vscode/activate';\nimport { webPlatform } from '../vscode/platform';"],
  ];
  for (const [file, code] of allowed) {
    it(`allows in ${file}: ${code.split('\n').join(' ')}`, async () => {
      assert.deepEqual(await firing(file, code), []);
    });
  }

  for (const file of ['src/core/probe.ts', 'src/sources/probe.ts', 'src/vscode/probe.ts', 'src/cli.ts']) {
    it(`refuses the DOM in ${file}`, async () => {
      assert.deepEqual(await firing(file, 'export const title = (): string => document.title;'), ['no-restricted-globals']);
    });
  }

  it('keeps src/extension.ts to wiring: at most 60 lines', async () => {
    const wiring = (lines: number) => Array.from({ length: lines }, (_, i) => `export const step${i} = ${i};`).join('\n');
    assert.deepEqual(await firing('src/extension.ts', wiring(59)), []);
    assert.deepEqual(await firing('src/extension.ts', wiring(70)), ['max-lines']);
  });

  it('lets the panel page use the DOM', async () => {
    assert.deepEqual(await firing('src/webview/probe.ts', 'export const title = (): string => document.title;'), []);
  });
});

describe('TypeScript configs', () => {
  /** The compiler options and root files of one config, as tsc reads them. */
  function config(name: string): ts.ParsedCommandLine {
    const parsed = ts.getParsedCommandLineOfConfigFile(path.join(repo, name), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => assert.fail(String(d.messageText)) });
    assert.ok(parsed, name);
    return parsed;
  }
  const hasDom = (options: ts.CompilerOptions): boolean => (options.lib ?? []).some((lib) => /dom/i.test(lib));
  const inWebview = (file: string): boolean => path.relative(repo, file).startsWith(`src${path.sep}webview${path.sep}`);

  it('gives Node code no DOM types, and leaves the panel page out of it', () => {
    const node = config('tsconfig.json');
    assert.equal(hasDom(node.options), false);
    assert.ok(node.fileNames.some((f) => f.endsWith('src/core/engine.ts')));
    assert.deepEqual(node.fileNames.filter(inWebview), []);
  });

  it('gives the panel page DOM types and no Node ones', () => {
    const webview = config('tsconfig.webview.json');
    assert.equal(hasDom(webview.options), true);
    assert.deepEqual(webview.options.types, []);
    assert.ok(webview.fileNames.length > 0 && webview.fileNames.every(inWebview));
  });
});
