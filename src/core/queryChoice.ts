// The query box's choice between what was typed and the recent query highlighted at Enter.

/**
 * The query at Enter. The highlighted item counts once the list shows the typed text as its first
 * item: the list has caught up with the typing, so a highlighted recent query was picked (VS Code
 * filters the list fuzzily, so it need not hold the typed words). Before that, Enter came ahead
 * of the list (or a value another extension set), and the typed text is the query.
 */
export function chosenQuery(typed: string, firstLabel: string | undefined, highlighted: string | undefined): string | undefined {
  const text = typed.trim();
  const listShowsTyped = text === '' || firstLabel === typed;
  const picked = highlighted?.trim();
  return (picked && listShowsTyped ? picked : text) || undefined;
}
