/**
 * Lists of names (tags, platforms) quoted in a one-line message. An image's JSON can name thousands
 * (an index of 10,000 entries, a manifest.json of many tags), so the line shows the first few and
 * a count; each name is cut too, since a tag in hostile JSON can be megabytes long.
 */
const MAX_NAMES = 20;
const MAX_NAME_LENGTH = 200;

export function nameList(names: readonly string[]): string {
  const shown = names.slice(0, MAX_NAMES).map((n) => (n.length > MAX_NAME_LENGTH ? `${n.slice(0, MAX_NAME_LENGTH)}…` : n));
  const more = names.length - shown.length;
  return more > 0 ? `${shown.join(', ')} and ${more} more` : shown.join(', ');
}
