// A user answering the box a command opens. The extension host cannot send key strokes, so the
// next input box or quick pick the extension opens is opened with the answer already in it (where
// typed text lands: its `value`), and Enter is pressed through the workbench's own
// "workbench.action.acceptSelectedQuickOpenItem": the real box validates the value and answers
// the extension as it would a user. Only the one box is touched; the API is restored at once.

import * as vscode from 'vscode';

export interface OpenedBox {
  kind: 'input box' | 'quick pick';
  /** Whether the box hides what is typed (an input box's `password`). */
  password: boolean;
  title: string | undefined;
}

/**
 * Runs `command` (with `args`), types `answer` into the first box it opens and presses Enter;
 * resolves with what the box was and what the command returned. Fails when the command ends
 * without opening a box.
 */
export async function answerNextBox<T = unknown>(answer: string, command: string, ...args: unknown[]): Promise<{ box: OpenedBox; result: T | undefined }> {
  const { window } = vscode;
  const showInputBox = window.showInputBox;
  const createQuickPick = window.createQuickPick;
  const restore = () => {
    window.showInputBox = showInputBox;
    window.createQuickPick = createQuickPick;
  };
  const opened = new Promise<OpenedBox>((resolve) => {
    window.showInputBox = (options?: vscode.InputBoxOptions, token?: vscode.CancellationToken) => {
      restore();
      const value = showInputBox.call(window, { ...options, value: answer }, token);
      resolve({ kind: 'input box', password: options?.password === true, title: options?.title });
      return value;
    };
    window.createQuickPick = (<I extends vscode.QuickPickItem>() => {
      restore();
      const pick = createQuickPick.call(window) as vscode.QuickPick<I>;
      const show = pick.show.bind(pick);
      // Set before show(): the value goes to the workbench with the box itself, not a moment later.
      pick.show = () => {
        pick.value = answer;
        show();
        resolve({ kind: 'quick pick', password: false, title: pick.title });
      };
      return pick;
    }) as typeof window.createQuickPick;
  });
  const finished = Promise.resolve(vscode.commands.executeCommand<T>(command, ...args));
  try {
    const box = await Promise.race([
      opened,
      finished.then(() => {
        throw new Error(`${command} ended without opening an input box or a quick pick`);
      }),
    ]);
    // The box was sent to the workbench before this command, over the same ordered channel.
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    return { box, result: await finished };
  } finally {
    restore();
  }
}

/**
 * Types `answer` into the next input box the extension opens, whatever opens it (a command the
 * extension runs itself, e.g. "Set API Key" chosen from an error), and presses Enter. Resolves
 * with what the box was once it is answered.
 */
export function answerNextInputBox(answer: string): Promise<OpenedBox> {
  const { window } = vscode;
  const showInputBox = window.showInputBox;
  return new Promise<OpenedBox>((resolve) => {
    window.showInputBox = (options?: vscode.InputBoxOptions, token?: vscode.CancellationToken) => {
      window.showInputBox = showInputBox;
      const value = showInputBox.call(window, { ...options, value: answer }, token);
      // The box was sent to the workbench before this command, over the same ordered channel.
      void vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem').then(() => resolve({ kind: 'input box', password: options?.password === true, title: options?.title }));
      return value;
    };
  });
}
