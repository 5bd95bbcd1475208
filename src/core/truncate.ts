/**
 * `text` cut to at most `max` characters, ending in "…" when cut; never between the two halves of
 * a surrogate pair, and without blanks before the "…".
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max - 1);
  // A high surrogate at the cut would leave half an emoji.
  if (end > 0 && /[\uD800-\uDBFF]/.test(text[end - 1] as string)) end--;
  return `${text.slice(0, end).trimEnd()}…`;
}
