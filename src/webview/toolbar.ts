// The controls above the tables. Built once; update() writes the current state into them without
// replacing them, so typing in the filter never loses focus or the caret.

import { button, codicon, el, labelled, option, setOptions } from './dom';
import * as l10n from '@vscode/l10n';
import type { ThresholdMode } from './filter';
import type { ExportFormat, RunSummary } from './protocol';
import { SORT_KEYS, defaultDirection, type SortKey } from './sort';
import type { PanelState } from './state';

export interface ToolbarHandlers {
  /** A control changed; `debounce` for keystrokes in a text field. */
  change(patch: Partial<PanelState>, debounce?: boolean): void;
  exportAs(format: ExportFormat): void;
  copyPromptContext(): void;
}

/** Looked up when the toolbar is built, after main.ts has given l10n the page's bundle. */
function sortNames(): Record<SortKey, string> {
  return { rank: l10n.t('Rank'), score: l10n.t('Score'), source: l10n.t('Source'), text: l10n.t('Text') };
}

// One formatter for every label: Date.toLocaleString builds a new one per call.
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'short', timeStyle: 'short' });

/** The run as one line of a picker: what was asked, of what, when. */
function runLabel(run: RunSummary): string {
  const query = run.query.length > 60 ? `${run.query.slice(0, 59)}…` : run.query;
  const when = new Date(run.startedAt);
  const time = Number.isNaN(when.getTime()) ? run.startedAt : dateTime.format(when);
  return `${query.replace(/\s+/g, ' ')} — ${run.provider} · ${run.model} · ${time}`;
}

/** An empty field means "no limit"; anything else must parse, or the edit is ignored. */
function readNumber(input: HTMLInputElement, integer: boolean): number | undefined | null {
  const text = input.value.trim();
  if (text === '') return undefined;
  const n = Number(text);
  if (!Number.isFinite(n) || (integer && (!Number.isInteger(n) || n < 1))) return null;
  return n;
}

function numberInput(min: string, step: string, placeholder: string): HTMLInputElement {
  const input = el('input', 'number');
  input.type = 'number';
  input.min = min;
  input.step = step;
  input.placeholder = placeholder;
  return input;
}

export class Toolbar {
  readonly root = el('div', 'toolbar');
  private readonly runPicker = el('select', 'run-picker');
  private readonly comparePicker = el('select', 'compare-picker');
  private readonly filter = el('input', 'filter');
  private readonly minScore = numberInput('', '0.01', l10n.t('any'));
  private readonly maxRank = numberInput('1', '1', l10n.t('all'));
  private readonly topK = numberInput('1', '1', l10n.t('all'));
  private readonly sortKey = el('select', 'sort-key');
  private readonly sortDirection = button('icon sort-direction', '');
  private readonly runControls: HTMLElement[];
  private readonly minScoreControl: HTMLElement;
  private readonly maxRankControl: HTMLElement;

  constructor(private readonly handlers: ToolbarHandlers) {
    this.filter.type = 'search';
    this.filter.placeholder = l10n.t('Text or source');
    const names = sortNames();
    this.sortKey.append(...SORT_KEYS.map((k) => option(k, names[k])));
    this.maxRank.title = l10n.t('Logits have no fixed scale: keep the results ranked 1 to N instead');

    this.runControls = [labelled(l10n.t('Run'), this.runPicker), labelled(l10n.t('Compare with'), this.comparePicker)];
    this.minScoreControl = labelled(l10n.t('Min score'), this.minScore);
    this.maxRankControl = labelled(l10n.t('Top ranks'), this.maxRank);
    const sort = labelled(l10n.t('Sort'), this.sortKey);
    sort.append(this.sortDirection);

    const exports = el('div', 'button-group');
    exports.setAttribute('role', 'group');
    exports.setAttribute('aria-label', l10n.t('Export'));
    exports.append(el('span', 'control-label', l10n.t('Export')));
    for (const [format, text, icon] of [['json', 'JSON', 'json'], ['csv', 'CSV', 'table'], ['markdown', 'Markdown', 'markdown']] as const) {
      const b = button('secondary', text, l10n.t('Save the rows shown as {0}', text), icon);
      b.addEventListener('click', () => handlers.exportAs(format));
      exports.append(b);
    }
    const copy = button('primary', l10n.t('Copy prompt context'), l10n.t('Copy the rows shown, packed as context for an LLM prompt'), 'copy');
    copy.addEventListener('click', () => handlers.copyPromptContext());

    const filters = el('div', 'toolbar-row');
    filters.append(labelled(l10n.t('Filter'), this.filter), this.minScoreControl, this.maxRankControl, labelled(l10n.t('Top K'), this.topK), sort);
    const runs = el('div', 'toolbar-row');
    runs.append(...this.runControls);
    const actions = el('div', 'toolbar-row');
    actions.append(exports, copy);
    this.root.append(runs, filters, actions);
    this.listen();
  }

  private listen(): void {
    const h = this.handlers;
    this.runPicker.addEventListener('change', () => h.change({ runId: this.runPicker.value }));
    this.comparePicker.addEventListener('change', () => h.change({ compareRunId: this.comparePicker.value || undefined }));
    this.filter.addEventListener('input', () => h.change({ filterText: this.filter.value }, true));
    this.minScore.addEventListener('input', () => {
      const n = readNumber(this.minScore, false);
      if (n !== null) h.change({ minScore: n }, true);
    });
    this.maxRank.addEventListener('input', () => {
      const n = readNumber(this.maxRank, true);
      if (n !== null) h.change({ maxRank: n }, true);
    });
    this.topK.addEventListener('input', () => {
      const n = readNumber(this.topK, true);
      if (n !== null) h.change({ topK: n }, true);
    });
    this.sortKey.addEventListener('change', () => {
      const key = this.sortKey.value as SortKey;
      h.change({ sortKey: key, sortDirection: defaultDirection(key) });
    });
    this.sortDirection.addEventListener('click', () => {
      h.change({ sortDirection: this.sortDirection.dataset.direction === 'asc' ? 'desc' : 'asc' });
    });
  }

  /** Writes the state into the controls; `modes` are the threshold modes of the runs on screen. */
  update(runs: readonly RunSummary[], state: PanelState, modes: ReadonlySet<ThresholdMode>): void {
    const several = runs.length > 1;
    for (const c of this.runControls) c.hidden = !several;
    setOptions(this.runPicker, runs.map((r) => ({ value: r.id, text: runLabel(r) })), state.runId ?? '');
    const others = runs.filter((r) => r.id !== state.runId);
    setOptions(this.comparePicker, [{ value: '', text: l10n.t('(none)') }, ...others.map((r) => ({ value: r.id, text: runLabel(r) }))], state.compareRunId ?? '');

    this.minScoreControl.hidden = !modes.has('score');
    this.maxRankControl.hidden = !modes.has('rank');
    // Never rewrite a field while the user types in it: "0." must stay "0.", not become "0".
    this.setField(this.filter, state.filterText);
    this.setField(this.minScore, state.minScore);
    this.setField(this.maxRank, state.maxRank);
    this.setField(this.topK, state.topK);
    this.sortKey.value = state.sortKey;
    const asc = state.sortDirection === 'asc';
    this.sortDirection.dataset.direction = state.sortDirection;
    // An icon only: the aria-label says the direction in words.
    this.sortDirection.replaceChildren(codicon(asc ? 'arrow-up' : 'arrow-down'));
    this.sortDirection.title = asc ? l10n.t('Ascending: click for descending') : l10n.t('Descending: click for ascending');
    this.sortDirection.setAttribute('aria-label', asc ? l10n.t('Sort ascending') : l10n.t('Sort descending'));
  }

  private setField(input: HTMLInputElement, value: string | number | undefined): void {
    if (document.activeElement === input) return;
    input.value = value === undefined ? '' : String(value);
  }

  focusFilter(): void {
    this.filter.focus();
    this.filter.select();
  }
}
