// The query box's choice between what was typed and the recent query highlighted at Enter.

/**
 * The query at Enter: the highlighted recent query when the list filtered by the typed text could
 * show it, else the typed text. The workbench filters fuzzily, so a recent query it shows holds
 * the typed characters in order ("rlr" shows "Rate limit retry"), or every typed word. One it could
 * not show was highlighted only because Enter came before the list caught up with the typing (or
 * with a value another extension set): the extension's own list is updated before the
 * workbench's, so only the text itself tells.
 */
export function chosenQuery(typed: string, highlighted: string | undefined): string | undefined {
  const text = typed.trim();
  const picked = highlighted?.trim();
  return (picked && (!text || couldBeShown(picked, text)) ? picked : text) || undefined;
}

function couldBeShown(label: string, typed: string): boolean {
  const haystack = label.toLowerCase();
  const needle = typed.toLowerCase();
  if (needle.split(/\s+/).every((word) => haystack.includes(word))) return true;
  let at = 0;
  for (const c of needle.replace(/\s+/g, '')) {
    at = haystack.indexOf(c, at) + 1;
    if (at === 0) return false;
  }
  return true;
}
