// The part of vscode.l10n that vscode-free modules take as a parameter, so they stay testable in
// plain Node: the host passes vscode.l10n, tests pass ENGLISH (the message with its {0}
// placeholders filled, which is what VS Code shows when no bundle of the display language exists).

export interface L10n {
  t(message: string, ...args: Array<string | number | boolean>): string;
}

export const ENGLISH: L10n = {
  t: (message, ...args) => message.replace(/\{(\d+)\}/g, (match, index: string) => (args[Number(index)] === undefined ? match : String(args[Number(index)]))),
};
