// The history of runs: newest first, bounded, kept across reloads in workspaceState. The tree, the
// panel and the prompt commands all read it; only commands add to it.

import * as vscode from 'vscode';
import { isRun } from '../core/runCheck';
import type { Run } from '../core/types';

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
    this.runs = [run, ...this.runs.filter((r) => r.id !== run.id)].slice(0, Math.max(1, this.limit()));
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
    await this.memento.update(STATE_KEY, this.runs);
  }

  dispose(): void {
    this.changed.dispose();
  }
}
