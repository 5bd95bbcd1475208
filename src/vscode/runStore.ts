// The history of runs: newest first, bounded in number (rerank.historySize) and in text
// (src/vscode/historyBudget.ts), kept across reloads in workspaceState. The tree, the panel and
// the prompt commands all read it; only commands add to it.

import * as vscode from 'vscode';
import { isRun } from '../core/runCheck';
import type { Run } from '../core/types';
import { MAX_HELD_CHARS, MAX_STORED_CHARS, withinBudget } from './historyBudget';

const STATE_KEY = 'rerank.history.v1';

export class RunStore implements vscode.Disposable {
  private runs: Run[];
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires after any change: a run added or removed, the history cleared. */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly memento: vscode.Memento,
    private readonly limit: () => number,
  ) {
    // What was stored by an older or broken version is dropped, not trusted.
    const stored = memento.get<unknown>(STATE_KEY);
    this.runs = Array.isArray(stored) ? stored.filter(isRun) : [];
  }

  all(): readonly Run[] {
    return this.runs;
  }

  get(id: string): Run | undefined {
    return this.runs.find((r) => r.id === id);
  }

  latest(): Run | undefined {
    return this.runs[0];
  }

  async add(run: Run): Promise<void> {
    const newest = [run, ...this.runs.filter((r) => r.id !== run.id)].slice(0, Math.max(1, this.limit()));
    this.runs = withinBudget(newest, MAX_HELD_CHARS, true);
    await this.save();
  }

  async remove(id: string): Promise<void> {
    this.runs = this.runs.filter((r) => r.id !== id);
    await this.save();
  }

  async clear(): Promise<void> {
    this.runs = [];
    await this.save();
  }

  private async save(): Promise<void> {
    this.changed.fire();
    // Runs too large to keep across a reload are held in memory only, until the window closes.
    await this.memento.update(STATE_KEY, withinBudget(this.runs, MAX_STORED_CHARS, false));
  }

  dispose(): void {
    this.changed.dispose();
  }
}
