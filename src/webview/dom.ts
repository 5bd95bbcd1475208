// The few DOM helpers the panel needs. Text goes in through textContent only: nothing here (or
// anywhere in the panel) parses a string as HTML, so a document's "<script>" stays text.

import type { Codicon } from './icons';

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className !== undefined) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/**
 * An icon of the codicon font. Decoration only (hidden from screen readers), so what it means must
 * also be said in words: visible text, visually hidden text, or the control's aria-label.
 */
export function codicon(name: Codicon): HTMLSpanElement {
  const node = el('span', `codicon codicon-${name}`);
  node.setAttribute('aria-hidden', 'true');
  return node;
}

/** A button that says what it does in `text`; an icon, if any, goes before the words. */
export function button(className: string, text: string, title?: string, icon?: Codicon): HTMLButtonElement {
  const node = el('button', className);
  if (icon !== undefined) node.append(codicon(icon));
  if (text !== '') node.append(text);
  node.type = 'button';
  if (title !== undefined) node.title = title;
  return node;
}

/** A labelled control: the label wraps the control, so clicking the words focuses it. */
export function labelled(text: string, control: HTMLElement): HTMLLabelElement {
  const label = el('label', 'control');
  label.append(el('span', 'control-label', text), control);
  return label;
}

export function option(value: string, text: string): HTMLOptionElement {
  const node = el('option', undefined, text);
  node.value = value;
  return node;
}

/** Replaces a select's options only when they changed, so an open dropdown is not reset needlessly. */
export function setOptions(select: HTMLSelectElement, options: readonly { value: string; text: string }[], selected: string): void {
  const same = select.options.length === options.length && options.every((o, i) => select.options[i]?.value === o.value && select.options[i]?.textContent === o.text);
  if (!same) select.replaceChildren(...options.map((o) => option(o.value, o.text)));
  select.value = selected;
}

// One formatter for the page: toLocaleString builds a new one on every call (milliseconds each).
const counts = new Intl.NumberFormat('en-US');

export function formatCount(n: number): string {
  return counts.format(n);
}
