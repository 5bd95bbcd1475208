// `npm run test:vscode`: the extension-host suite (test/vscode/suite) in a real VS Code desktop
// through @vscode/test-electron: the one VSCODE_EXECUTABLE_PATH names, or with
// RERANK_VSCODE_DOWNLOAD=1 one it downloads into .vscode-test/ (opt-in: no test goes off this
// machine unless asked). Without either it says so and runs the same suite inside code-server, as
// `npm test` does (codeServer.test.ts; RERANK_E2E defaults to 1 here, so code-server missing too
// is a failure).

import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { downloadAndUnzipVSCode, runTests, TestRunFailedError } from '@vscode/test-electron';
import { FIXTURE_WORKSPACE, ROOT, baseSettings, runChecked } from '../e2e/harness';
import { TESTS_BUNDLE } from './codeServer';

const reason = (err: unknown) => (err instanceof Error ? err.message : String(err)).split('\n')[0];

/** The VS Code to run in, or why there is none. */
async function findVSCode(): Promise<{ executable: string } | { why: string }> {
  const given = process.env.VSCODE_EXECUTABLE_PATH;
  if (given) return existsSync(given) ? { executable: given } : { why: `VSCODE_EXECUTABLE_PATH=${given} does not exist` };
  if (process.env.RERANK_VSCODE_DOWNLOAD !== '1') return { why: 'no VS Code desktop (set VSCODE_EXECUTABLE_PATH, or RERANK_VSCODE_DOWNLOAD=1 to download one)' };
  try {
    return { executable: await downloadAndUnzipVSCode({ version: 'stable', cachePath: path.join(ROOT, '.vscode-test'), timeout: 15_000 }) };
  } catch (err) {
    return { why: `VS Code could not be downloaded (${reason(err)})` };
  }
}

/** The suite in a VS Code desktop with a fresh profile and a copy of the fixture workspace; its exit code. */
async function runInVSCode(executable: string): Promise<number> {
  const scratch = mkdtempSync(path.join(tmpdir(), 'rerank-vscode-'));
  try {
    const userData = path.join(scratch, 'user-data');
    mkdirSync(path.join(userData, 'User'), { recursive: true });
    writeFileSync(path.join(userData, 'User', 'settings.json'), `${JSON.stringify(baseSettings(), null, 2)}\n`);
    const workspace = path.join(scratch, 'workspace');
    cpSync(FIXTURE_WORKSPACE, workspace, { recursive: true });
    return await runTests({
      vscodeExecutablePath: executable,
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: TESTS_BUNDLE,
      launchArgs: [
        workspace,
        '--user-data-dir',
        userData,
        '--extensions-dir',
        path.join(scratch, 'extensions'),
        '--disable-extensions',
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
        '--disable-gpu',
        // SecretStorage without a desktop keyring (CI machines have none).
        '--password-store=basic',
      ],
    });
  } catch (err) {
    if (err instanceof TestRunFailedError) return err.code ?? 1;
    throw err;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

async function main(): Promise<number> {
  runChecked(process.execPath, ['esbuild.js']); // the extension and the suite's bundle
  const found = await findVSCode();
  if ('executable' in found) {
    console.log(`extension-host tests in VS Code (${found.executable}) through @vscode/test-electron`);
    return runInVSCode(found.executable);
  }
  console.log(`${found.why}: running the same suite inside code-server instead`);
  const mocha = path.join(ROOT, 'node_modules', '.bin', 'mocha');
  const result = spawnSync(mocha, ['--reporter', './test/support/count-reporter.cjs', 'test/vscode/codeServer.test.ts'], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, RERANK_E2E: process.env.RERANK_E2E ?? '1' },
  });
  return result.status ?? 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(reason(err));
    process.exitCode = 1;
  },
);
