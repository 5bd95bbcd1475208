// Runs the one engine from VS Code: cancellable progress that says what it is doing, the run kept
// in history and shown, and failures as one clear notification with an action that helps.

import * as vscode from 'vscode';
import { documentTextFor } from '../core/titleText';
import { definedOnly } from '../core/defined';
import { rerank } from '../core/engine';
import { RerankError, errorText, isCancelled } from '../core/errors';
import type { Candidate, Ranker, Run } from '../core/types';
import { noMatchNote } from '../core/progress';
import { guardOutbound } from './outbound';
import { chooseRanker, type RankerDeps } from './rankerChoice';
import { ENDPOINT, LOG, OFFLINE, SETTINGS, SET_KEY, failureActions } from './failureActions';
import { countingDown } from './retryCountdown';
import type { Platform } from './platform';
import type { RunStore } from './runStore';
import { SECTION, readSettings, type RerankSettings } from './settings';
import { truncate } from '../core/truncate';

export interface RunnerDeps extends RankerDeps {
  store: RunStore;
  /** What the host offers: Node's file system for local folders, or only workspace.fs. */
  platform: Platform;
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
  /**
   * Gives passages their titles: called with what a remote ranker is sent (its document header
   * carries them), or with the results of an offline run, so only passages sent or shown are titled.
   */
  addTitles?: (candidates: readonly Candidate[], signal: AbortSignal) => Promise<void>;
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
    // The user's way out of the failure may be to run the same query on the same candidates again.
    const next = await reportFailure(err, deps.log, true);
    if (next === 'run again') return runRerank(deps, request);
    if (next === 'run offline') return runRerank(deps, { ...request, remoteAllowed: false });
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
  if (remote) await request.addTitles?.(candidates, signal);
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
      // File passages reach a remote ranker with their path and title in front; the Run keeps them unchanged.
      ...(remote && settings.documentHeader !== 'none' ? { documentText: documentTextFor(settings.documentHeader) } : {}),
    },
    signal,
    (p) => progress.progress(p),
  ).finally(() => progress.dispose());
  if (!remote) await request.addTitles?.(run.items.map((item) => item.candidate), signal);
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
      { modal: true, detail: 'Each request may be billed. Lower rerank.workspace.firstStageCandidates or raise rerank.batchSize to send fewer, or raise rerank.maxRequestsPerRun in your user settings.' },
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

/** What the user chose in a failure's notification that asks for the failed run again. */
export type RunAgain = 'run again' | 'run offline';

/**
 * One notification per failure, with the actions that help. With `canRunAgain` (a run failed),
 * it says whether the user's choice calls for the run again: after a key was stored from
 * "Set API Key", or offline after "Use Offline Ranker".
 */
export async function reportFailure(err: unknown, log: vscode.LogOutputChannel, canRunAgain = false): Promise<RunAgain | undefined> {
  if (isCancelled(err)) {
    log.info('run cancelled');
    vscode.window.setStatusBarMessage('Rerank: cancelled', 3000);
    return undefined;
  }
  const message = err instanceof RerankError ? err.message : `unexpected error: ${errorText(err)}`;
  log.error(message);
  const kind = err instanceof RerankError ? err.kind : undefined;
  const choice = await vscode.window.showErrorMessage(`Rerank: ${message}`, ...failureActions(kind, canRunAgain));
  switch (choice) {
    case SET_KEY: {
      // The command says whether a key was stored; dismissing its box leaves the run failed.
      const stored = await vscode.commands.executeCommand<boolean | undefined>('rerank.setApiKey');
      return stored === true && canRunAgain ? 'run again' : undefined;
    }
    case OFFLINE:
      return 'run offline';
    case ENDPOINT:
      await vscode.commands.executeCommand('workbench.action.openSettings', `${SECTION}.endpoint`);
      return undefined;
    case SETTINGS:
      await vscode.commands.executeCommand('workbench.action.openSettings', SECTION);
      return undefined;
    case LOG:
      log.show(true);
      return undefined;
    default:
      return undefined;
  }
}
