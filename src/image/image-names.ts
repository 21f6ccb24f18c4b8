/**
 * Image names as tools write them (`busybox`, `busybox:latest`, `docker.io/library/busybox:latest`)
 * reduced to one form, so a name the user gives matches the tag an archive carries.
 */
export function normalizeImageName(name: string): string {
  let rest = name.trim();
  let digest = '';
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at);
    rest = rest.slice(0, at);
  }
  const lastSlash = rest.lastIndexOf('/');
  const lastColon = rest.lastIndexOf(':');
  if (lastColon <= lastSlash && digest === '') rest += ':latest';
  rest = rest.replace(/^(docker\.io|index\.docker\.io|registry-1\.docker\.io)\//, '');
  rest = rest.replace(/^library\/(?=[^/]+$|[^/]+[:@])/, '');
  return rest + digest;
}

/** Does one of `names` (tags or ref-name annotations) designate the image `wanted`? */
export function nameMatches(wanted: string, names: readonly string[]): boolean {
  const target = normalizeImageName(wanted);
  return names.some((name) => name === wanted || normalizeImageName(name) === target);
}
