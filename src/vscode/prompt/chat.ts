// "@rerank <query>": ranks the workspace for the question and answers with the sources as
// references and the packed context. Registered only where the chat API exists.

import * as vscode from 'vscode';
import { RerankError, errorText } from '../../core/errors';
import { markdownLine } from '../../core/outsideText';
import type { Run } from '../../core/types';
import { revealLocation } from '../results/reveal';
import { chooseRanker } from '../rankerChoice';
import { executeRun, type RunnerDeps } from '../runner';
import { readSettings } from '../settings';
import { promptContextFor } from './index';
import { remoteAllowedFor, scopeCandidates } from './sources';
import { folderUris, workspaceTitles } from '../workspace/index';

export function registerChatParticipant(context: vscode.ExtensionContext, deps: RunnerDeps): void {
  if (typeof vscode.chat?.createChatParticipant !== 'function') return;
  const participant = vscode.chat.createChatParticipant('rerank.chat', async (request, _chat, stream, token) => {
    const query = request.prompt.trim();
    if (!query) {
      stream.markdown(vscode.l10n.t('Ask `@rerank` a question, for example `@rerank where do we retry rate-limited requests?`'));
      return;
    }
    const settings = readSettings();
    const controller = new AbortController();
    const subscription = token.onCancellationRequested(() => controller.abort());
    // A turn cancelled before it started gets no event: it ranks nothing.
    if (token.isCancellationRequested) controller.abort();
    try {
      const ranker = await chooseRanker(settings, deps, remoteAllowedFor('workspace'), false);
      if (!ranker) return;
      stream.progress(vscode.l10n.t('Ranking the workspace with {0}…', ranker.provider));
      const run = await executeRun(deps, ranker, { query, title: vscode.l10n.t('chat'), remoteAllowed: remoteAllowedFor('workspace'), candidates: scopeCandidates('workspace', query, undefined, settings, deps.log, deps.platform, deps.workspaceIndex), addTitles: workspaceTitles(folderUris(), deps.platform) }, settings, controller.signal, (m) => stream.progress(markdownLine(m)));
      for (const location of await locations(run)) stream.reference(location);
      stream.markdown(promptContextFor(run).text);
    } catch (err) {
      // The user stopped the turn: nothing to explain.
      if (token.isCancellationRequested || (err instanceof RerankError && err.kind === 'cancelled')) return;
      // The message may quote a server or name a file: one line of escaped Markdown (stream text is Markdown).
      stream.markdown(vscode.l10n.t('Rerank could not rank: {0}', markdownLine(errorText(err))));
    } finally {
      subscription.dispose();
    }
  });
  participant.iconPath = vscode.Uri.joinPath(context.extensionUri, 'media', 'rerank.svg');
  context.subscriptions.push(participant);
}

async function locations(run: Run): Promise<vscode.Location[]> {
  const out: vscode.Location[] = [];
  for (const item of run.items) {
    const location = await revealLocation(item).catch(() => undefined);
    if (location) out.push(location);
  }
  return out;
}
