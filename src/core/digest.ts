/** `sha256:0123456789abcdef...` -> `0123456789ab`: how a digest is named to a person, in errors and reports. */
export function shortDigest(value: string | null): string {
  if (value === null) return '-';
  // A report file is foreign: whatever it holds here is cut, never trusted to be a string.
  const digest = String(value);
  const hex = digest.includes(':') ? digest.slice(digest.indexOf(':') + 1) : digest;
  return hex.slice(0, 12);
}
