// The results tree: runs newest first, each with its ranked items. Shows the RunStore; owns nothing.

import * as vscode from 'vscode';
import { aboveMinScore, belowMinScore } from '../../core/minScore';
import { markdownLine } from '../../core/outsideText';
import { dedent, passageTitle } from '../../core/passageText';
import { locationLabel, sourceLabel } from '../../core/source';
import type { CandidateSource, Run, RunItem } from '../../core/types';
import type { RunStore } from '../runStore';

/** Lines of a passage its tooltip shows. */
const TOOLTIP_LINES = 12;

export type ResultNode = { kind: 'run'; run: Run } | { kind: 'item'; run: Run; item: RunItem };

export class ResultsTreeProvider implements vscode.TreeDataProvider<ResultNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ResultNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;
  private runNodes = new Map<string, ResultNode>();

  constructor(private readonly store: RunStore) {
    this.subscription = store.onDidChange(() => this.changed.fire(undefined));
  }

  getChildren(node?: ResultNode): ResultNode[] {
    if (!node) {
      // Stable node objects per run, so TreeView.reveal finds what getChildren returned.
      const nodes = new Map<string, ResultNode>();
      for (const run of this.store.all()) nodes.set(run.id, this.runNodes.get(run.id) ?? { kind: 'run', run });
      this.runNodes = nodes;
      return [...nodes.values()];
    }
    // Results below the run's cut-off stay in the run (the panel lists them) but not in the tree.
    return node.kind === 'run' ? aboveMinScore(node.run).items.map((item) => ({ kind: 'item', run: node.run, item })) : [];
  }

  getParent(node: ResultNode): ResultNode | undefined {
    return node.kind === 'item' ? this.runNodes.get(node.run.id) : undefined;
  }

  runNode(runId: string): ResultNode | undefined {
    this.getChildren();
    return this.runNodes.get(runId);
  }

  getTreeItem(node: ResultNode): vscode.TreeItem {
    return node.kind === 'run' ? runItem(node.run, node.run === this.store.latest()) : resultItem(node.run, node.item);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

function runItem(run: Run, newest: boolean): vscode.TreeItem {
  const item = new vscode.TreeItem(run.query, newest ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
  item.id = `run:${run.id}`;
  const below = belowMinScore(run);
  const kept = run.items.length - below;
  const results = resultCount(kept, below, run.minScore);
  item.description = `${run.provider} · ${run.model} · ${results} · ${timeAgo(run.startedAt)}`;
  item.iconPath = new vscode.ThemeIcon(run.provider === 'local' ? 'list-ordered' : 'cloud');
  item.contextValue = 'rerankRun';
  const tooltip = new vscode.MarkdownString();
  tooltip.appendMarkdown(`**${markdownLine(run.query)}**\n\n`);
  tooltip.appendMarkdown(`${run.provider} · ${run.model} · ${scoreKindLabel(run)}\n\n`);
  if (below) tooltip.appendMarkdown(`${vscode.l10n.t('{0} results scored below the minimum score {1} (rerank.minScore): the panel lists them', below, run.minScore ?? 0)}\n\n`);
  tooltip.appendMarkdown(`${vscode.l10n.t('{0} of {1} candidates · {2} batches · {3} requests · {4} retries · {5} ms', run.items.length, run.candidateCount, run.stats.batches, run.stats.requests, run.stats.retries, run.durationMs)}\n\n`);
  const fromCache = run.stats.fromCache;
  if (fromCache) tooltip.appendMarkdown(`${vscode.l10n.t('Passages from the score cache: {0} · requests saved: {1}', fromCache.passages, fromCache.requestsSaved)}\n\n`);
  tooltip.appendMarkdown(new Date(run.startedAt).toLocaleString());
  item.tooltip = tooltip;
  return item;
}

/**
 * `1 · 0.920 · queue.ts:84-100`, then the passage's title: the score comes before the file name
 * so a narrow side bar cuts the name, not the score.
 */
function resultItem(run: Run, result: RunItem): vscode.TreeItem {
  const { candidate } = result;
  const score = formatScore(result.score, run);
  const item = new vscode.TreeItem(`${result.rank} · ${score} · ${locationLabel(candidate.source)}`, vscode.TreeItemCollapsibleState.None);
  item.id = `item:${run.id}:${result.index}`;
  item.description = passageTitle(candidate);
  item.iconPath = new vscode.ThemeIcon(candidate.source.kind === 'file' ? 'file' : 'selection');
  item.contextValue = 'rerankItem';
  const tooltip = new vscode.MarkdownString();
  // The path follows a prefix on its line: markdownLine keeps it from opening a list or a heading.
  tooltip.appendMarkdown(`${vscode.l10n.t('**#{0}** · score {1} · {2}', result.rank, score, placeOf(candidate.source))}\n\n`);
  tooltip.appendCodeblock(passageStart(candidate.text), '');
  item.tooltip = tooltip;
  item.command = { command: 'rerank.revealItem', title: vscode.l10n.t('Reveal'), arguments: [{ kind: 'item', run, item: result }] };
  return item;
}

/** The path a user knows the result by: relative to the workspace where it lies inside one. */
function fullPath(source: CandidateSource): string {
  if (source.kind === 'file') return source.root ? `${source.root}/${source.path}` : source.path;
  if (source.kind === 'selection') return vscode.workspace.asRelativePath(vscode.Uri.parse(source.uri));
  return sourceLabel(source);
}

/** The escaped path, and its lines when it has them. */
function placeOf(source: CandidateSource): string {
  const path = markdownLine(fullPath(source));
  return source.kind !== 'input' && source.range ? vscode.l10n.t('{0}, lines {1}-{2}', path, source.range.startLine, source.range.endLine) : path;
}

/** "3 results", or "3 results, 2 below 0.5" when the cut-off hides some; whole phrases for translators. */
function resultCount(kept: number, below: number, minScore: number | undefined): string {
  if (below) return kept === 1 ? vscode.l10n.t('1 result, {0} below {1}', below, minScore ?? 0) : vscode.l10n.t('{0} results, {1} below {2}', kept, below, minScore ?? 0);
  return kept === 1 ? vscode.l10n.t('1 result') : vscode.l10n.t('{0} results', kept);
}

/** The first lines of the passage, dedented: enough to recognise it in a hover. */
function passageStart(text: string): string {
  const full = dedent(text).trimEnd();
  const start = full.split('\n').slice(0, TOOLTIP_LINES).join('\n').slice(0, 2000);
  return start.length < full.length ? `${start}\n…` : start;
}

function formatScore(score: number, run: Run): string {
  return run.scoreKind === 'logit' ? vscode.l10n.t('{0} logit', score.toFixed(2)) : score.toFixed(3);
}

function scoreKindLabel(run: Run): string {
  return run.scoreKind === 'probability' ? vscode.l10n.t('relevance scores in [0, 1]') : run.scoreKind === 'logit' ? vscode.l10n.t('raw logits (order by rank)') : vscode.l10n.t('BM25, relative to the best');
}

function timeAgo(iso: string): string {
  const seconds = Math.max(0, (Date.now() - Date.parse(iso)) / 1000);
  if (seconds < 60) return vscode.l10n.t('just now');
  if (seconds < 3600) return vscode.l10n.t('{0} min ago', Math.floor(seconds / 60));
  if (seconds < 86400) return vscode.l10n.t('{0} h ago', Math.floor(seconds / 3600));
  return new Date(iso).toLocaleDateString();
}
