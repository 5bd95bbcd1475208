// What the extension-host suite hands back to the process that started it: one entry per test (and
// per failed hook), written as JSON by test/vscode/index.ts inside the extension host to the file
// $RERANK_VSCODE_RESULTS names, and read by test/vscode/codeServer.test.ts. No vscode import: both
// sides load it.

export const RESULTS_ENV = 'RERANK_VSCODE_RESULTS';

export interface HostTestResult {
  /** The describe titles, then the test's own title. */
  titlePath: string[];
  state: 'passed' | 'failed' | 'pending';
  durationMs: number;
  /** The failure's message and stack, for a failed test. */
  error?: string;
}

export interface HostResults {
  /** The VS Code the suite ran in (vscode.version) and where (vscode.env.appHost: desktop, web…). */
  vscodeVersion: string;
  appHost: string;
  tests: HostTestResult[];
}

/** Reads what a run wrote; undefined when the file is missing or is not a results file. */
export function parseResults(text: string): HostResults | undefined {
  try {
    const value = JSON.parse(text) as Partial<HostResults>;
    return typeof value.vscodeVersion === 'string' && Array.isArray(value.tests) ? (value as HostResults) : undefined;
  } catch {
    return undefined;
  }
}
