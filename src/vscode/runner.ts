// Runs the one engine from VS Code: cancellable progress that says what it is doing, the run kept
// in history and shown, and failures as one clear notification with an action that helps.

import * as vscode from 'vscode';
import { documentTextFor } from '../core/titleText';
import { definedOnly } from '../core/defined';
import { rerank } from '../core/engine';
import { RerankError, errorText, isCancelled } from '../core/errors';
import type { Candidate, Ranker, Run } from '../core/types';
import { LocalRanker, type IndexedBm25 } from '../providers/local';
import { noMatchNote, scoreCacheNote } from '../core/progress';
import { guardOutbound } from './outbound';
import { chooseRanker, type RankerDeps } from './rankerChoice';
import { ENDPOINT, LOG, OFFLINE, SETTINGS, SET_KEY, failureActions } from './failureActions';
import { countingDown } from './retryCountdown';
import type { Platform } from './platform';
import type { WorkspaceIndexKeeper } from './workspace/indexKeeper';
import type { RunStore } from './runStore';
import { SECTION, readSettings, type RerankSettings } from './settings';
import { truncate } from '../core/truncate';

export interface RunnerDeps extends RankerDeps {
  store: RunStore;
  /** What the host offers: Node's file system for local folders, or only workspace.fs. */
  platform: Platform;
  /** The window's workspace index: every workspace run (commands, the tool, chat) reads through it. */
  workspaceIndex: WorkspaceIndexKeeper;
  /** Shows a finished run (the tree reveals it). */
  show: (run: Run) => void;
}

/** What a run ranks: its candidates, and when they are an index's passages as it holds them, BM25 over them from the index. */
export interface RunCandidates {
  candidates: Candidate[];
  indexed?: IndexedBm25;
}

export interface RunRequest {
  query: string;
  /** Collects the candidates; may take a while (a workspace scan), so it runs under the progress. */
  candidates: (signal: AbortSignal, report: (message: string) => void, remote: boolean) => Promise<RunCandidates>;
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
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Rerank: {0}', request.title), cancellable: true },
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
  const { query, candidates, notice } = remote ? guardOutbound(request.query, request.queryFromText === true, collected.candidates, settings.secrets, vscode.l10n) : { query: request.query, candidates: collected.candidates, notice: undefined };
  if (notice) {
    deps.log.info(`run: ${notice}`);
    void vscode.window.showInformationMessage(vscode.l10n.t('Rerank: {0}', notice));
  }
  report(candidateCountMessage(notice, candidates.length, ranker.provider));
  if (remote) await request.addTitles?.(candidates, signal);
  const progress = countingDown(report);
  // The offline ranker gets the candidates as collected (no guard, no header), so the index can score them.
  const runRanker = collected.indexed && ranker instanceof LocalRanker ? ranker.withIndex(collected.indexed) : ranker;
  const run = await rerank(
    query,
    candidates,
    runRanker,
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
  const cacheNote = scoreCacheNote(run);
  deps.log.info(
    `run "${truncate(run.query, 60)}": ${run.items.length}/${run.candidateCount} via ${run.provider} ${run.model}; ` +
      `${run.stats.batches} batches, ${run.stats.requests} requests, ${run.stats.retries} retries` +
      `${run.stats.billedUnits === undefined ? '' : `, ${run.stats.billedUnits} billed units`}${cacheNote ? `; ${cacheNote}` : ''}; ${run.durationMs} ms`,
  );
  const note = noMatchNote(run);
  if (note) {
    deps.log.warn(`run: ${note}`);
    void vscode.window.showWarningMessage(vscode.l10n.t('Rerank: {0}', note));
  }
  await deps.store.add(run);
  return run;
}

/** A modal question before a run sends more requests than the user's limit; Cancel (or Escape) sends none. */
function askToSend(ranker: Ranker): (count: number, max: number) => Promise<boolean> {
  return async (count, max) => {
    const send = vscode.l10n.t('Send {0} Requests', count);
    const answer = await vscode.window.showWarningMessage(
      vscode.l10n.t('Rerank: this run would send {0} requests to {1}, more than rerank.maxRequestsPerRun ({2}).', count, ranker.provider, max),
      { modal: true, detail: vscode.l10n.t('Each request may be billed. Lower rerank.workspace.firstStageCandidates or raise rerank.batchSize to send fewer, or raise rerank.maxRequestsPerRun in your user settings.') },
      send,
    );
    return answer === send;
  };
}

function refuseRequests(ranker: Ranker): (count: number, max: number) => never {
  return (count, max) => {
    throw new RerankError('bad-input', vscode.l10n.t('this run would send {0} requests to {1}, more than rerank.maxRequestsPerRun ({2}); run it from a command to confirm, or raise the setting', count, ranker.provider, max));
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
    vscode.window.setStatusBarMessage(vscode.l10n.t('Rerank: cancelled'), 3000);
    return undefined;
  }
  const message = err instanceof RerankError ? err.message : vscode.l10n.t('unexpected error: {0}', errorText(err));
  log.error(message);
  const kind = err instanceof RerankError ? err.kind : undefined;
  const actions = failureActions(kind, canRunAgain);
  const labels = actions.map(actionLabel);
  const choice = await vscode.window.showErrorMessage(vscode.l10n.t('Rerank: {0}', message), ...labels);
  switch (actions[labels.indexOf(choice ?? '')]) {
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

/** A failure action's button, in the display language (failureActions names them in English). */
function actionLabel(action: string): string {
  switch (action) {
    case SET_KEY:
      return vscode.l10n.t('Set API Key');
    case OFFLINE:
      return vscode.l10n.t('Use Offline Ranker');
    case ENDPOINT:
      return vscode.l10n.t('Open Endpoint Setting');
    case SETTINGS:
      return vscode.l10n.t('Open Settings');
    case LOG:
      return vscode.l10n.t('Show Log');
    default:
      return action;
  }
}

/** The progress line once candidates are collected; one whole sentence per case, for translators. */
function candidateCountMessage(notice: string | undefined, count: number, provider: string): string {
  if (notice) return count === 1 ? vscode.l10n.t('{0} · 1 candidate · {1}', notice, provider) : vscode.l10n.t('{0} · {1} candidates · {2}', notice, count, provider);
  return count === 1 ? vscode.l10n.t('1 candidate · {0}', provider) : vscode.l10n.t('{0} candidates · {1}', count, provider);
}
