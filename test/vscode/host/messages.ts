// A user answering the notifications and modals the extension shows: a warning or error message
// is answered with one of its actions (or dismissed) at once, and recorded. Only messages of the
// kind asked for are touched; the API is restored as soon as the step is done.

import * as vscode from 'vscode';

/** A message the extension showed, with its actions. */
export interface Shown {
  message: string;
  items: string[];
}

export interface AnswerOptions {
  /** 'showWarningMessage' or 'showErrorMessage'. */
  kind: 'showWarningMessage' | 'showErrorMessage';
  /** Only modal messages are answered; the others go to VS Code as usual. */
  modalOnly?: boolean;
}

/**
 * Runs `act` with each message of `options.kind` answered by `answer` (undefined = Cancel,
 * Escape or dismissed); returns the messages answered, in order.
 */
export async function answeringMessages(options: AnswerOptions, answer: (shown: Shown) => string | undefined, act: () => Promise<unknown>): Promise<Shown[]> {
  const { window } = vscode;
  const original = window[options.kind];
  const shown: Shown[] = [];
  window[options.kind] = ((message: string, ...rest: unknown[]) => {
    const first = rest[0] as vscode.MessageOptions | undefined;
    const modal = typeof first === 'object' && first !== null && first.modal === true;
    if (options.modalOnly && !modal) return (original as (...args: unknown[]) => unknown).call(window, message, ...rest);
    const asked = { message, items: rest.filter((r): r is string => typeof r === 'string') };
    shown.push(asked);
    return Promise.resolve(answer(asked));
  }) as typeof original;
  try {
    await act();
  } finally {
    window[options.kind] = original;
  }
  return shown;
}
