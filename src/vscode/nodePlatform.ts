// The Node extension host's Platform: Node's file system for local folders (as the CLI reads
// them), real paths, the process's environment and the home folder. Only src/extension.ts
// imports this file, so the browser bundle never reaches node:*.

import { realpath } from 'node:fs/promises';
import { homedir } from 'node:os';
import * as vscode from 'vscode';
import { createNodeFs } from '../sources/nodeFs';
import type { Platform } from './platform';

export const nodePlatform: Platform = {
  host: 'node',
  localFs: () => createNodeFs(),
  realpath: (fsPath) => realpath(fsPath),
  windowsPaths: process.platform === 'win32',
  env: process.env,
  homeFolder: () => vscode.Uri.file(homedir()),
};
