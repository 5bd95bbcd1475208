// The extension-host test entry (`extensionTestsPath`): VS Code loads the bundle of this file
// (test/vscode/.build/index.js, built by esbuild.js) into the extension host that runs the rerank
// extension under development, and awaits run(). @vscode/test-electron passes it to a downloaded
// VS Code; test/vscode/codeServer.ts passes it to code-server's workbench. The suite runs with
// mocha here, inside the extension host; the results also go as JSON to $RERANK_VSCODE_RESULTS
// for a runner that reads them (code-server's extension host has no terminal of its own).

import { writeFileSync } from 'node:fs';
import Mocha from 'mocha';
import * as vscode from 'vscode';
import { observeExtension } from './host/observe';
import { RESULTS_ENV, type HostResults, type HostTestResult } from './results';

export async function run(): Promise<void> {
  // Before the suite loads and before anything activates rerank: see what it gives VS Code.
  observeExtension();
  const mocha = new Mocha({ ui: 'bdd', timeout: 30_000, reporter: 'spec', color: false });
  // The suite is bundled in: define describe/it as `mocha` does for a file, then evaluate it.
  mocha.suite.emit(Mocha.Suite.constants.EVENT_FILE_PRE_REQUIRE, globalThis, 'test/vscode/suite', mocha);
  await import('./suite/activation.test.js');
  await import('./suite/selection.test.js');
  await import('./suite/keys.test.js');
  await import('./suite/chat.test.js');
  await import('./suite/tool.test.js');
  await import('./suite/requestLimit.test.js');
  await import('./suite/secrets.test.js');
  await import('./suite/results.test.js');
  await import('./suite/failures.test.js');
  await import('./suite/export.test.js');
  await import('./suite/workspaceLimit.test.js');
  await import('./suite/scoreCache.test.js');
  await import('./suite/workspaceIndex.test.js');
  await import('./suite/promptBudget.test.js');

  const tests: HostTestResult[] = [];
  const failures = await new Promise<number>((resolve) => {
    const runner = mocha.run(resolve);
    const add = (test: Mocha.Runnable, state: HostTestResult['state'], err?: unknown) =>
      tests.push({
        titlePath: test.titlePath(),
        state,
        durationMs: test.duration ?? 0,
        ...(err === undefined ? {} : { error: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
      });
    runner.on(Mocha.Runner.constants.EVENT_TEST_PASS, (test) => add(test, 'passed'));
    runner.on(Mocha.Runner.constants.EVENT_TEST_FAIL, (test, err) => add(test, 'failed', err));
    runner.on(Mocha.Runner.constants.EVENT_TEST_PENDING, (test) => add(test, 'pending'));
  });

  const file = process.env[RESULTS_ENV];
  if (file) {
    const results: HostResults = { vscodeVersion: vscode.version, appHost: vscode.env.appHost, tests };
    writeFileSync(file, JSON.stringify(results, null, 2));
  }
  if (failures > 0) throw new Error(`${failures} of ${tests.length} extension-host tests failed`);
}
