// Every command is registered through here: a failure becomes one notification with an action
// and a line in the log (reportFailure in src/vscode/runner.ts), never an exception thrown back
// at VS Code, which would show only a bare "command failed".

import * as vscode from 'vscode';
import { reportFailure } from './runner';

export function registerCommand<A extends unknown[]>(id: string, handler: (...args: A) => unknown, log: vscode.LogOutputChannel): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (...args: unknown[]) => {
    try {
      return await handler(...(args as A));
    } catch (err) {
      await reportFailure(err, log).catch((failure: unknown) => log.error(`${id}: could not report a failure: ${String(failure)}`));
      return undefined;
    }
  });
}
