// One ranking as a table of ARIA rows (role="table"/"row"/"cell") laid out by CSS grid, not a
// <table>: a table row cannot skip layout, a grid row can (content-visibility: auto in panel.css),
// so 1,000 rows cost the layout of the few on screen. Rows are built detached (one
// DocumentFragment, one append) and never read back during the build. Only the active row's
// buttons are in the tab order (a roving tabindex): Tab leaves the table instead of crossing
// 2,000 buttons, and the arrow keys move between rows (see rowEvents.ts).

import type { RunItem } from '../core/types';
import { shiftDescription, shiftMark, type RankShift } from './compare';
import { el, button, codicon, formatCount } from './dom';
import * as l10n from '@vscode/l10n';
import { dedent } from '../core/passageText';
import { barFraction, formatScore, isRevealable, previewText, sourceParts, sourceTitle } from './format';
import type { RankingView } from './ranking';

export interface TableOptions {
  view: RankingView;
  label: string;
  /** Compare mode: the shift of each row by candidate id, and how to name the other run. */
  shifts?: Map<string, RankShift>;
  otherName?: string;
  expanded: ReadonlySet<string>;
  /** Rows drawn; the rest wait for "Show more". */
  shown: number;
}

/** What the event handlers need to map a row element back to its item. */
export interface RenderedTable {
  table: HTMLElement;
  body: HTMLElement;
  rows: readonly RunItem[];
  runId: string;
}

function cell(className: string, text?: string, role = 'cell'): HTMLElement {
  const node = el('div', className, text);
  node.setAttribute('role', role);
  return node;
}

export function renderTable(options: TableOptions): RenderedTable {
  const { view } = options;
  const compare = options.shifts !== undefined;
  const table = el('div', compare ? 'ranking with-shift' : 'ranking');
  table.setAttribute('role', 'table');
  table.setAttribute('aria-label', options.label);
  const count = Math.min(view.rows.length, options.shown);
  // Every row the view holds, drawn or not yet, plus the header row.
  table.setAttribute('aria-rowcount', String(view.rows.length + 1));

  const head = cell('row head', undefined, 'row');
  const headers: [string, string][] = [
    ['rank', '#'],
    ...(compare ? [['shift', ''] as [string, string]] : []),
    ['bar', ''],
    ['score', view.run.scoreKind === 'logit' ? l10n.t('Logit') : l10n.t('Score')],
    ['source', l10n.t('Source')],
    ['text', l10n.t('Text')],
  ];
  for (const [className, text] of headers) {
    const th = cell(className, text, 'columnheader');
    if (className === 'bar') th.append(el('span', 'visually-hidden', l10n.t('Score bar')));
    if (className === 'shift') {
      th.append(codicon('arrow-swap'), el('span', 'visually-hidden', l10n.t('Rank change')));
      th.title = l10n.t('Change of rank from the compared run');
    }
    head.append(th);
  }
  const headGroup = cell('ranking-head', undefined, 'rowgroup');
  headGroup.append(head);

  const body = cell('ranking-body', undefined, 'rowgroup');
  const fragment = document.createDocumentFragment();
  const prototype = prototypeRow(compare);
  for (let i = 0; i < count; i++) fragment.append(renderRow(prototype, view.rows[i] as RunItem, i, options));
  body.append(fragment);
  table.append(headGroup, body);
  const first = body.firstElementChild;
  if (first instanceof HTMLElement) setRowActive(first, true);
  return { table, body, rows: view.rows, runId: view.run.id };
}

/**
 * The shape every row shares, built once per table; each row is a deep clone with its text filled
 * in, which skips re-creating a dozen elements and their attributes per row.
 */
function prototypeRow(compare: boolean): HTMLElement {
  const row = cell('row', undefined, 'row');
  row.tabIndex = -1;
  row.append(cell('rank', undefined, 'rowheader'));
  if (compare) row.append(cell('shift'));
  const bar = cell('bar');
  bar.setAttribute('aria-hidden', 'true');
  bar.append(el('div', 'bar-fill'));
  const link = button('source-link', '');
  link.tabIndex = -1;
  const source = cell('source');
  source.append(link);
  const text = cell('text');
  const toggle = button('toggle', '');
  toggle.tabIndex = -1;
  setToggle(toggle, false);
  text.append(el('div', 'text-body'), toggle);
  row.append(bar, cell('score'), source, text);
  return row;
}

function renderRow(prototype: HTMLElement, item: RunItem, position: number, options: TableOptions): HTMLElement {
  const { run, range } = options.view;
  const source = item.candidate.source;
  const row = prototype.cloneNode(true) as HTMLElement;
  row.dataset.row = String(position);
  row.setAttribute('aria-rowindex', String(position + 2));
  const cells = row.children;
  let at = 0;
  const next = () => cells[at++] as HTMLElement;

  next().textContent = String(item.rank);

  if (options.shifts !== undefined) {
    const shift = options.shifts.get(item.candidate.id);
    const kind = shift?.kind === 'moved' ? (shift.by > 0 ? 'up' : shift.by < 0 ? 'down' : 'same') : (shift?.kind ?? 'none');
    const shiftCell = next();
    shiftCell.classList.add(`shift-${kind}`);
    const mark = shiftMark(shift);
    if (mark) {
      shiftCell.append(codicon(mark.icon));
      if (mark.spoken !== '') shiftCell.append(el('span', 'visually-hidden', `${mark.spoken} `));
      if (mark.text !== '') shiftCell.append(mark.text);
    }
    shiftCell.title = shiftDescription(shift, options.otherName ?? l10n.t('the other run'));
  }

  // CSSOM, not a style attribute: the CSP forbids inline style attributes but not this.
  (next().firstElementChild as HTMLElement).style.width = `${(barFraction(item.score, run.scoreKind, range) * 100).toFixed(1)}%`;

  const score = next();
  score.textContent = formatScore(item.score, run.scoreKind);
  if (item.fusedScore !== undefined) score.title = l10n.t('fused (RRF) {0}', item.fusedScore.toFixed(5));

  const where = next();
  const { name, folder } = sourceParts(source);
  const link = where.firstElementChild as HTMLButtonElement;
  if (isRevealable(source)) {
    link.append(el('span', 'source-name', name));
    if (folder !== '') link.append(el('span', 'source-folder', folder));
    link.title = l10n.t('Open {0}', sourceTitle(source));
  } else {
    link.replaceWith(el('span', 'source-plain', name));
    where.title = name;
  }
  // What the passage sits in (a heading, a declaration), under its source; text, never HTML.
  if (item.candidate.title) where.append(el('span', 'source-title', item.candidate.title));

  const text = next();
  const body = text.firstElementChild as HTMLElement;
  const shown = dedent(item.candidate.text);
  const { preview, truncated } = previewText(shown);
  if (!truncated) {
    // Shown whole, never clamped: a row without a toggle hides nothing.
    text.lastElementChild?.remove();
    body.textContent = preview;
    body.classList.add('whole');
  } else if (options.expanded.has(item.candidate.id)) {
    body.textContent = shown;
    body.classList.add('expanded');
    setToggle(text.lastElementChild as HTMLButtonElement, true);
  } else {
    body.textContent = preview;
  }
  return row;
}

function setToggle(toggle: HTMLButtonElement, expanded: boolean): void {
  toggle.replaceChildren(codicon(expanded ? 'chevron-down' : 'chevron-right'), expanded ? l10n.t('less') : l10n.t('more'));
  toggle.setAttribute('aria-expanded', String(expanded));
  toggle.setAttribute('aria-label', expanded ? l10n.t('Show less text') : l10n.t('Show the full text'));
}

/** Shows the full text of a row, or its first lines again; touches only that row. */
export function setRowExpanded(row: HTMLElement, item: RunItem, expanded: boolean): void {
  const body = row.querySelector<HTMLElement>('.text-body');
  const toggle = row.querySelector<HTMLButtonElement>('button.toggle');
  if (!body || !toggle) return;
  const shown = dedent(item.candidate.text);
  body.textContent = expanded ? shown : previewText(shown).preview;
  body.classList.toggle('expanded', expanded);
  setToggle(toggle, expanded);
}

/** The roving tabindex: the active row and its buttons are tabbable, every other row is not. */
export function setRowActive(row: HTMLElement, active: boolean): void {
  const index = active ? 0 : -1;
  row.tabIndex = index;
  for (const b of row.querySelectorAll('button')) b.tabIndex = index;
  row.classList.toggle('active', active);
}

/** "Showing 500 of 1,000" and the buttons that draw more rows; nothing when every row is drawn. */
export function renderMoreRows(total: number, shown: number, page: number): HTMLElement | undefined {
  if (shown >= total) return undefined;
  const bar = el('div', 'more-rows');
  bar.append(el('span', 'muted', l10n.t('Showing {0} of {1} rows', formatCount(shown), formatCount(total))));
  const more = button('secondary show-more', l10n.t('Show {0} more', formatCount(Math.min(page, total - shown))));
  more.dataset.more = String(shown + page);
  const all = button('secondary show-all', l10n.t('Show all {0}', formatCount(total)));
  all.dataset.more = String(total);
  bar.append(more, all);
  return bar;
}
