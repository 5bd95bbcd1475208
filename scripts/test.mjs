// `npm test`: every test layer this machine can run, in order, each reported; then one line
// "N passed, N failed" (tests plus the checks: type check, lint, build, package).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const bin = (name) => join('node_modules', '.bin', name);
const countsDir = mkdtempSync(join(tmpdir(), 'rerank-test-'));

const mocha = (glob) => [bin('mocha'), ['--reporter', './test/support/count-reporter.cjs', glob]];
const steps = [
  // Every TypeScript config: Node, the panel's page (DOM), the tests that drive a browser.
  { name: 'type check', check: ['npm', ['run', '--silent', 'typecheck']] },
  { name: 'lint', check: [bin('eslint'), ['--max-warnings', '0', '.']] },
  { name: 'build', check: [process.execPath, ['esbuild.js']] },
  { name: 'unit', tests: mocha('test/unit/**/*.test.ts') },
  { name: 'integration (loopback HTTP server, built CLI)', tests: mocha('test/integration/**/*.test.ts') },
  // --no-rewrite-relative-links: the README's screenshots stay relative (the repository has no public URL to prefix).
  { name: 'package (.vsix)', check: [bin('vsce'), ['package', '--no-dependencies', '--no-rewrite-relative-links', '--allow-missing-repository', '-o', join(countsDir, 'rerank.vsix')]] },
  // test/vscode/suite inside code-server's extension host (npm run test:vscode tries a downloaded VS Code first).
  { name: 'extension host (code-server)', tests: mocha('test/vscode/codeServer.test.ts') },
  // The real VS Code (code-server) in Chromium; installs its cache on first use, or prints "skipped: why".
  { name: 'end to end (code-server + Chromium)', tests: mocha('test/e2e/**/*.test.ts') },
];
// The end-to-end layer installs the .vsix the package step just built.
process.env.RERANK_E2E_VSIX ??= join(countsDir, 'rerank.vsix');

let passed = 0;
let failed = 0;
const summary = [];
for (const step of steps) {
  console.log(`\n=== ${step.name}`);
  const [cmd, args] = step.check ?? step.tests;
  const countsFile = join(countsDir, `${summary.length}.jsonl`);
  const result = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, RERANK_TEST_COUNTS: countsFile } });
  if (step.check) {
    const ok = result.status === 0;
    if (ok) passed++;
    else failed++;
    summary.push(`${ok ? 'ok  ' : 'FAIL'} ${step.name}`);
    continue;
  }
  let counts = { passes: 0, failures: 0, pending: 0 };
  try {
    counts = JSON.parse(readFileSync(countsFile, 'utf8').trim().split('\n').pop());
  } catch {
    counts.failures = 1; // mocha died before reporting: count the layer as failed
  }
  if (result.status !== 0 && counts.failures === 0) counts.failures = 1;
  passed += counts.passes;
  failed += counts.failures;
  summary.push(`${counts.failures ? 'FAIL' : 'ok  '} ${step.name}: ${counts.passes} passed, ${counts.failures} failed${counts.pending ? `, ${counts.pending} pending` : ''}`);
}
rmSync(countsDir, { recursive: true, force: true });

console.log(`\n=== summary\n${summary.join('\n')}`);
// The browser layers skip (pending) without Chromium; say how to get them (test/e2e/install.ts has the same command).
if (summary.some((line) => line.includes('pending')) && !existsSync('/usr/bin/chromium')) {
  console.log('skipped layers need Chromium and code-server\'s build tools; to run them: sudo apt-get install -y --no-install-recommends chromium libkrb5-dev make g++ python3, then npm test');
}
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 ? 0 : 1;
