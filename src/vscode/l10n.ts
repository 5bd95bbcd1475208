// The part of vscode.l10n that vscode-free modules take as a parameter, so they stay testable in
// plain Node: the host passes vscode.l10n, tests pass ENGLISH. Those modules import the type from
// 'vscode' (erased at run time) so that `l10n-dev export` reads their `l10n.t` calls: it only looks
// in files that import 'vscode' or '@vscode/l10n'.

import * as l10n from '@vscode/l10n';
import type * as vscode from 'vscode';

export type L10n = Pick<typeof vscode.l10n, 't'>;

/** @vscode/l10n without a bundle: the English message with its {0} placeholders filled, as VS Code shows it when the display language has no bundle. */
export const ENGLISH: L10n = { t: l10n.t };
