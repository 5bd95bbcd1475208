// Runs the one engine from VS Code: cancellable progress that says what it is doing, the run kept
// in history and shown, and failures as one clear notification with an action that helps.

import * as vscode from 'vscode';
import { definedOnly } from '../core/defined';
import { rerank } from '../core/engine';
import { RerankError, errorText, isCancelled } from '../core/errors';
import type { Candidate, Ranker, Run } from '../core/types';
import { noMatchNote } from '../core/progress';
import { guardOutbound } from './outbound';
import { chooseRanker, type RankerDeps } from './rankerChoice';
import { countingDown } from './retryCountdown';
import type { RunStore } from './runStore';
import { readSettings, type RerankSettings } from './settings';
import { truncate } from '../core/truncate';

export interface RunnerDeps extends RankerDeps {
  store: RunStore;
  /** Shows a finished run (the tree reveals it). */
  show: (run: Run) => void;
}

export interface RunRequest {
  query: string;
  /** Collects the candidates; may take a while (a workspace scan), so it runs under the progress. */
  candidates: (signal: AbortSignal, report: (message: string) => void, remote: boolean) => Promise<Candidate[]>;
  /** Whether the candidates may go to a remote endpoint (false for workspace text in an untrusted workspace). */
  remoteAllowed: boolean;
  title: string;
  /**
   * Asked when the run would send more than rerank.maxRequestsPerRun requests; true sends them.
   * Without it (the language-model tool, chat) such a run is refused.
   */
  approveRequests?: (count: number, max: number) => Promise<boolean>;
  /** The query was taken from text (a selection, a language model's call), not typed: it passes the secret guard too. */
  queryFromText?: boolean;
}

export async function runRerank(deps: RunnerDeps, request: RunRequest): Promise<Run | undefined> {
  const settings = readSettings();
  try {
    const ranker = await chooseRanker(settings, deps, request.remoteAllowed, true);
    if (!ranker) return undefined;
    const run = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Rerank: ${request.title}`, cancellable: true },
      async (progress, token) => {
        const controller = new AbortController();
        const subscription = token.onCancellationRequested(() => controller.abort());
        try {
          return await executeRun(deps, ranker, { approveRequests: askToSend(ranker), ...request }, settings, controller.signal, (message) => progress.report({ message }));
        } finally {
          subscription.dispose();
        }
      },
    );
    deps.show(run);
    return run;
  } catch (err) {
    await reportFailure(err, deps.log);
    return undefined;
  }
}

/** Collects the candidates, ranks them, logs the run and keeps it in history. No UI of its own. */
export async function executeRun(
  deps: Pick<RunnerDeps, 'store' | 'log'>,
  ranker: Ranker,
  request: RunRequest,
  settings: RerankSettings,
  signal: AbortSignal,
  report: (message: string) => void,
): Promise<Run> {
  const remote = ranker.provider !== 'local';
  const collected = await request.candidates(signal, report, remote);
  const { query, candidates, notice } = remote ? guardOutbound(request.query, request.queryFromText === true, collected, settings.secrets) : { query: request.query, candidates: collected, notice: undefined };
  if (notice) {
    deps.log.info(`run: ${notice}`);
    void vscode.window.showInformationMessage(`Rerank: ${notice}`);
  }
  report(`${notice ? `${notice} · ` : ''}${candidates.length} candidate${candidates.length === 1 ? '' : 's'} · ${ranker.provider}`);
  const progress = countingDown(report);
  const run = await rerank(
    query,
    candidates,
    ranker,
    {
      topK: settings.topK,
      concurrency: settings.concurrency,
      ...definedOnly({ batchSize: settings.batchSize, merge: settings.merge, minScore: settings.minScore }),
      // A workspace's batch size and candidate count can't make a run send unbounded billed requests.
      ...(remote ? { maxRequests: settings.maxRequestsPerRun, approveRequests: request.approveRequests ?? refuseRequests(ranker) } : {}),
    },
    signal,
    (p) => progress.progress(p),
  ).finally(() => progress.dispose());
  deps.log.info(
    `run "${truncate(run.query, 60)}": ${run.items.length}/${run.candidateCount} via ${run.provider} ${run.model}; ` +
      `${run.stats.batches} batches, ${run.stats.requests} requests, ${run.stats.retries} retries` +
      `${run.stats.billedUnits === undefined ? '' : `, ${run.stats.billedUnits} billed units`}; ${run.durationMs} ms`,
  );
  const note = noMatchNote(run);
  if (note) {
    deps.log.warn(`run: ${note}`);
    void vscode.window.showWarningMessage(`Rerank: ${note}`);
  }
  await deps.store.add(run);
  return run;
}

/** A modal question before a run sends more requests than the user's limit; Cancel (or Escape) sends none. */
function askToSend(ranker: Ranker): (count: number, max: number) => Promise<boolean> {
  return async (count, max) => {
    const send = `Send ${count} Requests`;
    const answer = await vscode.window.showWarningMessage(
      `Rerank: this run would send ${count} requests to ${ranker.provider}, more than rerank.maxRequestsPerRun (${max}).`,
      { modal: true, detail: 'Each request may be billed. Lower rerank.workspace.maxCandidates or raise rerank.batchSize to send fewer, or raise rerank.maxRequestsPerRun in your user settings.' },
      send,
    );
    return answer === send;
  };
}

function refuseRequests(ranker: Ranker): (count: number, max: number) => never {
  return (count, max) => {
    throw new RerankError('bad-input', `this run would send ${count} requests to ${ranker.provider}, more than rerank.maxRequestsPerRun (${max}); run it from a command to confirm, or raise the setting`);
  };
}

/** One notification per failure; the action is the one most likely to fix it. */
export async function reportFailure(err: unknown, log: vscode.LogOutputChannel): Promise<void> {
  if (isCancelled(err)) {
    log.info('run cancelled');
    vscode.window.setStatusBarMessage('Rerank: cancelled', 3000);
    return;
  }
  const message = err instanceof RerankError ? err.message : `unexpected error: ${errorText(err)}`;
  log.error(message);
  const kind = err instanceof RerankError ? err.kind : undefined;
  const action = kind === 'auth' ? 'Set API Key' : kind === 'bad-input' || kind === 'rejected' ? 'Open Settings' : 'Show Log';
  const choice = await vscode.window.showErrorMessage(`Rerank: ${message}`, action);
  if (choice === 'Set API Key') await vscode.commands.executeCommand('rerank.setApiKey');
  else if (choice === 'Open Settings') await vscode.commands.executeCommand('workbench.action.openSettings', 'rerank');
  else if (choice === 'Show Log') log.show(true);
}
