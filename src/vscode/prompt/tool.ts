// The language-model tool: agent mode asks for context on a query and gets the top passages of
// the selection, the workspace or named files, packed as prompt context. It asks before workspace
// text goes to a remote endpoint, respects workspace trust, and never asks for a key itself.

import * as vscode from 'vscode';
import { RerankError, errorText } from '../../core/errors';
import { forTerminal, markdownLine } from '../../core/outsideText';
import { PROFILES } from '../../providers/profiles';
import { endpointUrl, profileFor } from '../providerChoice';
import { chooseRanker, type RankerDeps } from '../rankerChoice';
import { executeRun, type RunnerDeps } from '../runner';
import { readSettings } from '../settings';
import { promptContextFor } from './index';
import { remoteAllowedFor, scopeCandidates, type Scope } from './sources';
import { folderUris, workspaceTitles } from '../workspace/index';
import { definedOnly } from '../../core/defined';

export const TOOL_NAME = 'rerank_context';

export interface RerankToolInput {
  query: string;
  scope: Scope;
  paths?: string[];
  topK?: number;
}

/** The schema in package.json validates input from a model; this checks what another extension may send. */
function checkInput(input: unknown): RerankToolInput {
  const v = input as Partial<RerankToolInput> | undefined;
  if (typeof v?.query !== 'string' || v.query.trim() === '') throw new RerankError('bad-input', 'the tool needs a non-empty "query"');
  if (v.scope !== 'selection' && v.scope !== 'workspace' && v.scope !== 'files') throw new RerankError('bad-input', '"scope" must be selection, workspace or files');
  if (v.paths !== undefined && (!Array.isArray(v.paths) || !v.paths.every((p) => typeof p === 'string'))) throw new RerankError('bad-input', '"paths" must be a list of strings');
  if (v.scope === 'files' && (v.paths?.length ?? 0) === 0) throw new RerankError('bad-input', 'scope "files" needs "paths"');
  if (v.topK !== undefined && (!Number.isInteger(v.topK) || v.topK < 1)) throw new RerankError('bad-input', '"topK" must be a positive integer');
  return { query: v.query, scope: v.scope, ...definedOnly({ paths: v.paths, topK: v.topK }) };
}

/**
 * The host requests go to when this scope is ranked remotely, or undefined when it stays local:
 * a provider that needs a key ranks remotely only with one stored (the tool never asks for it),
 * a self-hosted one without a key always does.
 */
async function remoteHost(scope: Scope, deps: RankerDeps): Promise<string | undefined> {
  const settings = readSettings();
  const name = profileFor(settings);
  if (!name || !remoteAllowedFor(scope)) return undefined;
  const url = endpointUrl(settings) as string;
  const remote = !PROFILES[name].keyRequired || (await deps.keys.get(name, url)) !== undefined;
  return remote ? new URL(url).host : undefined;
}

export function registerRerankTool(context: vscode.ExtensionContext, deps: RunnerDeps): void {
  if (typeof vscode.lm?.registerTool !== 'function') return;
  const tool: vscode.LanguageModelTool<RerankToolInput> = {
    async prepareInvocation(options) {
      const input = checkInput(options.input);
      const host = input.scope === 'selection' ? undefined : await remoteHost(input.scope, deps);
      // A model names the paths and writes the query: each shown on one line, as plain text in the
      // progress message (VS Code escapes that) and as escaped Markdown in the confirmation.
      const paths = (shown: (text: string) => string) => (input.paths ?? []).map(shown).join(', ');
      return {
        invocationMessage: rankingMessage(input.scope, paths(forTerminal), forTerminal(input.query)),
        ...(host
          ? {
              confirmationMessages: {
                title: vscode.l10n.t('Send workspace text to {0}?', host),
                message: new vscode.MarkdownString(`${sendMessage(input.scope, paths(markdownLine), markdownLine(host), markdownLine(input.query))} ${readSettings().secrets === 'omit' ? vscode.l10n.t('Likely secrets are left out first.') : vscode.l10n.t('Likely secrets are redacted first.')}`),
              },
            }
          : {}),
      };
    },
    async invoke(options, token) {
      const input = checkInput(options.input);
      const settings = { ...readSettings(), ...definedOnly({ topK: input.topK }) };
      // Listening before the first await: a cancel while the ranker is chosen still stops the run.
      const controller = new AbortController();
      const subscription = token.onCancellationRequested(() => controller.abort());
      try {
        const ranker = await chooseRanker(settings, deps, remoteAllowedFor(input.scope), false);
        if (!ranker) throw new Error('no ranker available');
        const run = await executeRun(
          deps,
          ranker,
          { query: input.query, queryFromText: true, title: vscode.l10n.t('language model tool'), remoteAllowed: remoteAllowedFor(input.scope), candidates: scopeCandidates(input.scope, input.query, input.paths, settings, deps.log, deps.platform, deps.workspaceIndex), addTitles: workspaceTitles(folderUris(), deps.platform) },
          settings,
          controller.signal,
          () => undefined,
        );
        return new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(promptContextFor(run).text)]);
      } catch (err) {
        // A model reads this: say what went wrong and what to try, as for a user.
        const message = errorText(err);
        deps.log.error(`tool: ${message}`);
        // A server's message goes into the model's context: one escaped Markdown line.
        throw new Error(`Rerank could not rank: ${markdownLine(message)}`);
      } finally {
        subscription.dispose();
      }
    },
  };
  context.subscriptions.push(vscode.lm.registerTool(TOOL_NAME, tool));
}

/** The progress line of an invocation, one whole sentence per scope. */
function rankingMessage(scope: Scope, paths: string, query: string): string {
  if (scope === 'files') return vscode.l10n.t('Ranking {0} for “{1}”', paths, query);
  return scope === 'workspace' ? vscode.l10n.t('Ranking the workspace for “{0}”', query) : vscode.l10n.t('Ranking the selection for “{0}”', query);
}

/** The confirmation's first sentence (Markdown: its arguments escaped by the caller). */
function sendMessage(scope: Scope, paths: string, host: string, query: string): string {
  if (scope === 'files') return vscode.l10n.t('Rerank will send passages of {0} to **{1}** to rank them against “{2}”.', paths, host, query);
  return scope === 'workspace'
    ? vscode.l10n.t('Rerank will send passages of the workspace to **{0}** to rank them against “{1}”.', host, query)
    : vscode.l10n.t('Rerank will send passages of the selection to **{0}** to rank them against “{1}”.', host, query);
}
