// The query box's choice between what was typed and the recent query highlighted at Enter.

/**
 * Whether the list filtered by `typed` shows `label`: every typed word is in it. A recent query
 * that is not was highlighted only because Enter came before the list caught up with the typing
 * (or with a value another extension set); then the typed text is the query.
 */
export function couldBeOffered(label: string, typed: string): boolean {
  const text = label.toLowerCase();
  return typed.toLowerCase().split(/\s+/).every((word) => text.includes(word));
}
