/** Text cut to at most `max` characters at a word boundary where there is one, with "…" where it was cut. */
export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const lastSpace = cut.lastIndexOf(' ');
  // A word boundary in the second half keeps the words whole; a text without one is cut where it must be.
  return `${(lastSpace >= max / 2 ? cut.slice(0, lastSpace) : cut).trimEnd()}…`;
}
