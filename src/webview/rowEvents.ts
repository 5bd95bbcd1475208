// Clicks and keys on the ranking tables, handled once on their container (event delegation), so
// drawing 1,000 rows adds no listeners. Keys on a focused row: ↑/↓ move, PageUp/PageDown move by
// ten, Home/End go to the ends, Enter opens the source, Space expands the text, Ctrl/Cmd+C copies
// the text when nothing is selected.

import type { RunItem } from '../core/types';
import { isRevealable } from './format';
import { setRowActive, type RenderedTable } from './table';

export interface RowHandlers {
  reveal(runId: string, item: RunItem): void;
  toggle(row: HTMLElement, item: RunItem): void;
  copy(item: RunItem): void;
  showMore(rows: number): void;
}

interface RowTarget {
  row: HTMLElement;
  item: RunItem;
  table: RenderedTable;
}

const PAGE_STEP = 10;

export class RowEvents {
  private readonly tables = new Map<HTMLElement, RenderedTable>();

  constructor(
    private readonly container: HTMLElement,
    private readonly handlers: RowHandlers,
  ) {
    container.addEventListener('click', (e) => this.onClick(e));
    container.addEventListener('keydown', (e) => this.onKeyDown(e));
    container.addEventListener('focusin', (e) => this.onFocusIn(e));
  }

  /** Forget the old tables and know these: called after each full draw. */
  setTables(tables: readonly RenderedTable[]): void {
    this.tables.clear();
    for (const t of tables) this.tables.set(t.table, t);
  }

  /** The row of this candidate in the n-th table, to put focus back after a redraw. */
  findRow(tableIndex: number, candidateId: string): HTMLElement | undefined {
    const table = [...this.tables.values()][tableIndex];
    if (!table) return undefined;
    const position = table.rows.findIndex((item) => item.candidate.id === candidateId);
    const row = position < 0 ? undefined : table.body.children[position];
    return row instanceof HTMLElement ? row : undefined;
  }

  /** The candidate id and table number of the focused row, if focus is in a table. */
  focusedRow(): { tableIndex: number; candidateId: string } | undefined {
    const target = this.resolve(document.activeElement);
    if (!target) return undefined;
    return { tableIndex: [...this.tables.keys()].indexOf(target.table.table), candidateId: target.item.candidate.id };
  }

  private resolve(node: EventTarget | null): RowTarget | undefined {
    if (!(node instanceof Element)) return undefined;
    const row = node.closest<HTMLElement>('.ranking-body > .row');
    const tableEl = row?.closest<HTMLElement>('.ranking');
    const table = tableEl ? this.tables.get(tableEl) : undefined;
    const item = table?.rows[Number(row?.dataset.row)];
    return row && table && item ? { row, item, table } : undefined;
  }

  private onClick(e: MouseEvent): void {
    const el = e.target instanceof Element ? e.target : null;
    const more = el?.closest<HTMLButtonElement>('button[data-more]');
    if (more) {
      this.handlers.showMore(Number(more.dataset.more));
      return;
    }
    const target = this.resolve(el);
    if (!target || !el) return;
    if (el.closest('button.source-link')) this.handlers.reveal(target.table.runId, target.item);
    else if (el.closest('button.toggle')) this.handlers.toggle(target.row, target.item);
  }

  private onFocusIn(e: FocusEvent): void {
    const target = this.resolve(e.target);
    if (!target) return;
    for (const row of target.table.body.querySelectorAll<HTMLElement>('.row.active')) if (row !== target.row) setRowActive(row, false);
    setRowActive(target.row, true);
  }

  private onKeyDown(e: KeyboardEvent): void {
    const target = this.resolve(e.target);
    if (!target) return;
    const onRow = e.target === target.row;
    const rows = target.table.body.children;
    const at = Number(target.row.dataset.row);
    let next: number | undefined;
    switch (e.key) {
      case 'ArrowDown':
        next = at + 1;
        break;
      case 'ArrowUp':
        next = at - 1;
        break;
      case 'PageDown':
        next = at + PAGE_STEP;
        break;
      case 'PageUp':
        next = at - PAGE_STEP;
        break;
      case 'Home':
        next = onRow ? 0 : undefined;
        break;
      case 'End':
        next = onRow ? rows.length - 1 : undefined;
        break;
      case 'Enter':
        if (onRow && isRevealable(target.item.candidate.source)) {
          e.preventDefault();
          this.handlers.reveal(target.table.runId, target.item);
        }
        return;
      case ' ':
        if (onRow && target.row.querySelector('button.toggle')) {
          e.preventDefault();
          this.handlers.toggle(target.row, target.item);
        }
        return;
      case 'c':
      case 'C':
        // Only when nothing is selected: a selection keeps its ordinary copy.
        if ((e.ctrlKey || e.metaKey) && (document.getSelection()?.isCollapsed ?? true)) {
          e.preventDefault();
          this.handlers.copy(target.item);
        }
        return;
      default:
        return;
    }
    if (next === undefined) return;
    e.preventDefault();
    const row = rows[Math.max(0, Math.min(rows.length - 1, next))];
    if (row instanceof HTMLElement) row.focus();
  }
}
