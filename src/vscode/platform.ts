// What differs between the two extension hosts the extension runs in: Node's (desktop, remote,
// code-server) and the browser's web worker (VS Code for the Web). Each entry file hands its own
// Platform to activateRerank; the code under src/vscode asks it, never `process` or node:*, so
// the browser bundle carries neither (esbuild.js checks).

import type * as vscode from 'vscode';
import type { SourceFs } from '../sources/fs';

export interface Platform {
  /** Which host this is, for the log. */
  readonly host: 'node' | 'web worker';
  /** A reader for file: folders faster than workspace.fs (Node's file system); absent on the web. */
  readonly localFs?: () => SourceFs;
  /** A local file's real path, every symlink resolved; absent where the host cannot tell. */
  readonly realpath?: (fsPath: string) => Promise<string>;
  /** Whether file: paths are Windows paths (compared without case; URI paths are not Node paths there). */
  readonly windowsPaths: boolean;
  /** The environment the host was started with (COHERE_API_KEY); empty on the web, which has none. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Where an export's save dialog opens when there is no workspace folder; absent on the web. */
  readonly homeFolder?: () => vscode.Uri;
}

/** The web worker: workspace.fs for every folder, no environment, no home folder. */
export const webPlatform: Platform = { host: 'web worker', windowsPaths: false, env: {} };
