// The results panel's page: receives the runs from the host, keeps the view state (restored
// after a reload through getState/setState), and draws the toolbar and one table, or two side by
// side when comparing. Every draw is synchronous and builds detached nodes first (see table.ts).

import type { Run, RunItem } from '../core/types';
import { compareRuns } from './compare';
import { el } from './dom';
import { countLine, renderEmpty, renderRunHeader } from './header';
import { L10N_ELEMENT_ID, LIMITS, isHostMessage, type ExportFormat, type RunSummary, type ShowRunsMessage } from './protocol';
import { buildRanking, type RankingOptions, type RankingView } from './ranking';
import { RowEvents } from './rowEvents';
import { PAGE_ROWS, readPanelState, toggleExpanded, type PanelState } from './state';
import { renderMoreRows, renderTable, setRowExpanded, type RenderedTable } from './table';
import { Toolbar } from './toolbar';
import { getVsCodeApi, type VsCodeApi } from './vscodeApi';
import * as l10n from '@vscode/l10n';

/** Typing pauses this long before 1,000 rows are filtered and redrawn. */
const FILTER_DELAY_MS = 150;

class ResultsApp {
  /** The history, newest first; the runs in full arrive only as the page needs them. */
  private runs: RunSummary[] = [];
  private readonly loaded = new Map<string, Run>();
  private received = false;
  /** The selection last told to the host, so an unchanged one is not sent again. */
  private lastSelect = '';
  private state: PanelState;
  private focusedView: RankingView | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly toolbar: Toolbar;
  private readonly top = el('div', 'top');
  private readonly rankings = el('main', 'rankings');
  private readonly status = el('div', 'visually-hidden');
  private readonly rows: RowEvents;

  constructor(
    private readonly api: VsCodeApi,
    root: HTMLElement,
  ) {
    this.state = readPanelState(api.getState());
    this.toolbar = new Toolbar({
      change: (patch, debounce) => this.change(patch, debounce),
      exportAs: (format) => this.exportAs(format),
      copyPromptContext: () => this.copyPromptContext(),
    });
    this.rows = new RowEvents(this.rankings, {
      reveal: (runId, item) => api.postMessage({ type: 'reveal', runId, itemIndex: item.index }),
      toggle: (tr, item) => this.toggle(tr, item),
      copy: (item) => api.postMessage({ type: 'copy', text: item.candidate.text }),
      showMore: (rows) => this.change({ shown: rows }),
    });
    this.status.setAttribute('role', 'status');
    root.replaceChildren(this.top, this.toolbar.root, this.rankings, this.status);
    this.render();
    // Before "ready", so the host's first answer already holds the runs a restored page shows.
    this.sendSelection();
  }

  receive(data: unknown): void {
    if (!isHostMessage(data)) {
      this.log('warn', 'ignored a message from the extension that is not a valid "show" message');
      return;
    }
    this.show(data);
  }

  private show(message: ShowRunsMessage): void {
    const latestBefore = this.runs[0]?.id;
    this.received = true;
    this.runs = message.runs;
    for (const run of message.loaded) this.loaded.set(run.id, run);
    const known = new Set(this.runs.map((r) => r.id));
    for (const id of this.loaded.keys()) if (!known.has(id)) this.loaded.delete(id);
    const has = (id: string | undefined) => id !== undefined && this.runs.some((r) => r.id === id);
    const s = this.state;
    if (message.focusRunId !== undefined && has(message.focusRunId)) {
      this.state = { ...s, runId: message.focusRunId, compareRunId: message.compareRunId, shown: PAGE_ROWS };
    } else if (!has(s.runId) || (latestBefore !== undefined && s.runId === latestBefore)) {
      // Someone watching the newest run wants the next newest when it lands.
      this.state = { ...s, runId: this.runs[0]?.id, shown: PAGE_ROWS };
    }
    if (!has(this.state.compareRunId) || this.state.compareRunId === this.state.runId) this.state = { ...this.state, compareRunId: undefined };
    this.save();
    this.sendSelection();
    this.render();
  }

  /** Tells the host which runs are on screen; it answers with them in full if they are missing. */
  private sendSelection(): void {
    const { runId, compareRunId } = this.state;
    const key = JSON.stringify([runId, compareRunId]);
    if (key === this.lastSelect) return;
    this.lastSelect = key;
    // Absent rather than undefined: the message reads the same before and after serialization.
    this.api.postMessage({ type: 'select', ...(runId !== undefined && { runId }), ...(compareRunId !== undefined && { compareRunId }) });
  }

  private change(patch: Partial<PanelState>, debounce = false): void {
    const next = { ...this.state, ...patch };
    if (patch.runId !== undefined && patch.runId !== this.state.runId) {
      next.shown = PAGE_ROWS;
      if (next.compareRunId === next.runId) next.compareRunId = undefined;
    }
    // A new filter starts again from the first page of rows.
    if ('filterText' in patch || 'minScore' in patch || 'maxRank' in patch || 'topK' in patch) next.shown = PAGE_ROWS;
    this.state = next;
    this.save();
    this.sendSelection();
    clearTimeout(this.timer);
    if (debounce) this.timer = setTimeout(() => this.render(), FILTER_DELAY_MS);
    else this.render();
  }

  private render(): void {
    clearTimeout(this.timer);
    const summary = this.runs.find((r) => r.id === this.state.runId) ?? this.runs[0];
    const focused = summary && this.loaded.get(summary.id);
    const wanted = this.state.compareRunId !== undefined && this.state.compareRunId !== summary?.id ? this.state.compareRunId : undefined;
    const other = wanted === undefined ? undefined : this.loaded.get(wanted);
    if (!focused || (wanted !== undefined && !other)) {
      // Nothing yet, or a run on its way from the host (it answers the selection just sent).
      this.focusedView = undefined;
      this.toolbar.root.hidden = !summary;
      if (summary) this.toolbar.update(this.runs, this.state, new Set());
      this.top.replaceChildren(summary || !this.received ? el('p', 'muted', l10n.t('Loading…')) : renderEmpty());
      this.rankings.replaceChildren();
      this.rows.setTables([]);
      return;
    }
    const s = this.state;
    const options: RankingOptions = {
      filter: { text: s.filterText, minScore: s.minScore, maxRank: s.maxRank },
      topK: s.topK,
      sortKey: s.sortKey,
      sortDirection: s.sortDirection,
    };
    const views = [buildRanking(focused, options), ...(other ? [buildRanking(other, options)] : [])];
    this.focusedView = views[0];
    this.toolbar.root.hidden = false;
    this.toolbar.update(this.runs, s, new Set(views.map((v) => v.mode)));

    const keepFocus = this.rows.focusedRow();
    const comparison = other ? compareRuns(focused, other) : undefined;
    const expanded = new Set(s.expanded);
    const tables: RenderedTable[] = [];
    const sections = views.map((view, i) => {
      const section = el('section', 'ranking-section');
      if (comparison) section.append(renderRunHeader(view.run, 'h2'));
      section.append(el('div', 'muted count', countLine(view)));
      const rendered = renderTable({
        view,
        label: l10n.t('Results for {0}', view.run.query),
        shifts: comparison ? (i === 0 ? comparison.focused : comparison.other) : undefined,
        otherName: i === 0 ? l10n.t('the compared run') : l10n.t('the focused run'),
        expanded,
        shown: s.shown,
      });
      tables.push(rendered);
      section.append(rendered.table);
      const more = renderMoreRows(view.rows.length, Math.min(s.shown, view.rows.length), PAGE_ROWS);
      if (more) section.append(more);
      return section;
    });

    this.top.replaceChildren(comparison ? this.compareNote(comparison.shared, focused, other) : renderRunHeader(focused, 'h1'));
    this.rankings.classList.toggle('compare', comparison !== undefined);
    this.rankings.replaceChildren(...sections);
    this.rows.setTables(tables);
    if (keepFocus) this.rows.findRow(keepFocus.tableIndex, keepFocus.candidateId)?.focus();
    this.status.textContent = countLine(views[0] as RankingView);
  }

  private compareNote(shared: number, focused: Run, other: Run | undefined): HTMLElement {
    const text = shared === 0
      ? l10n.t('These runs share no candidates: every row is new or dropped. Compare runs over the same files or selection.')
      : l10n.t('Comparing {0} and {1} results by candidate; {2} in both. The arrows show the change of rank from the compared run (right) to the focused run (left).', focused.items.length, other?.items.length ?? 0, shared);
    const note = el('div', 'compare-note');
    note.append(el('h1', 'visually-hidden', l10n.t('Comparison of two runs')), el('div', 'note', text));
    return note;
  }

  private toggle(row: HTMLElement, item: RunItem): void {
    this.state = { ...this.state, expanded: toggleExpanded(this.state.expanded, item.candidate.id) };
    setRowExpanded(row, item, this.state.expanded.includes(item.candidate.id));
    this.save();
  }

  private exportAs(format: ExportFormat): void {
    const view = this.focusedView;
    if (view) this.api.postMessage({ type: 'export', runId: view.run.id, format, itemIndices: view.rows.map((item) => item.index) });
  }

  private copyPromptContext(): void {
    const view = this.focusedView;
    if (view) this.api.postMessage({ type: 'copyPromptContext', runId: view.run.id, itemIndices: view.rows.map((item) => item.index) });
  }

  focusFilter(): void {
    this.toolbar.focusFilter();
  }

  log(level: 'info' | 'warn' | 'error', message: string): void {
    this.api.postMessage({ type: 'log', level, message: message.slice(0, LIMITS.logChars) });
  }

  private save(): void {
    // Only the view state: the runs come from the host again after a reload.
    this.api.setState(this.state);
  }
}

/**
 * The panel's strings in VS Code's display language: vscode.l10n.bundle, which the host puts into
 * the page as a JSON block (nothing for English). Without it l10n.t keeps the English.
 */
function readL10nBundle(): l10n.l10nJsonFormat | undefined {
  const text = document.getElementById(L10N_ELEMENT_ID)?.textContent;
  if (!text) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as l10n.l10nJsonFormat) : undefined;
  } catch {
    return undefined;
  }
}

function start(): void {
  // Before anything is drawn. Only here: format.ts and the other modules also load in Node (unit
  // tests, the host), where l10n.t without a bundle gives the English with its placeholders filled.
  const bundle = readL10nBundle();
  if (bundle) l10n.config({ contents: bundle });
  const root = document.getElementById('app') ?? document.body;
  const api = getVsCodeApi();
  const app = new ResultsApp(api, root);
  window.addEventListener('message', (e: MessageEvent<unknown>) => app.receive(e.data));
  window.addEventListener('error', (e) => app.log('error', `panel: ${e.message} (${e.filename}:${e.lineno})`));
  window.addEventListener('unhandledrejection', (e) => app.log('error', `panel: ${String(e.reason)}`));
  window.addEventListener('keydown', (e) => {
    // "/" jumps to the filter, as in many list views, unless the user is typing somewhere.
    const typing = e.target instanceof HTMLInputElement || e.target instanceof HTMLSelectElement || e.target instanceof HTMLTextAreaElement;
    if (e.key === '/' && !typing && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault();
      app.focusFilter();
    }
  });
  api.postMessage({ type: 'ready' });
}

start();
