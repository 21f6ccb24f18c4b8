import { usageError } from '../errors.js';

/** How an image reference names its source (DESIGN.md: "An image reference is ..."). */
export type ImageReference =
  | { transport: 'path'; path: string; raw: string } // format detected from content
  | { transport: 'docker-archive'; path: string; raw: string }
  | { transport: 'oci-archive'; path: string; raw: string }
  | { transport: 'oci'; path: string; raw: string }
  | { transport: 'docker'; name: string; raw: string } // HOST/REPO:TAG or @sha256:...
  | { transport: 'docker-daemon'; name: string; raw: string }
  | { transport: 'snapshot'; path: string; raw: string };

export function parseReference(raw: string): ImageReference {
  const text = raw.trim();
  if (text === '') throw usageError('an image reference is empty');
  const prefixed = /^(docker-archive|oci-archive|oci|docker-daemon|snapshot|docker):(.*)$/.exec(text);
  if (!prefixed) return { transport: 'path', path: text, raw };
  const transport = prefixed[1] as ImageReference['transport'];
  let rest = prefixed[2] ?? '';
  if (transport === 'docker') {
    if (!rest.startsWith('//')) throw usageError(`${raw}: registry references are written docker://HOST/REPO:TAG`);
    rest = rest.slice(2);
    if (rest === '') throw usageError(`${raw}: no repository after docker://`);
    return { transport, name: rest, raw };
  }
  if (rest === '') throw usageError(`${raw}: nothing after "${transport}:"`);
  if (transport === 'docker-daemon') return { transport, name: rest, raw };
  // docker-archive:PATH[:NAME:TAG] as skopeo writes it is not supported; PATH only.
  return { transport, path: rest, raw };
}

/**
 * What to say when a bare reference (no transport prefix) names no file or directory. Text shaped
 * like an image name (`app:ci`, `ghcr.io/acme/app:1.2`, `app@sha256:…`) most likely meant the Docker
 * daemon or a registry, so the message names both spellings; anything else stays "no such file".
 */
export function missingPathReason(text: string): string {
  if (!looksLikeImageName(text)) return `${text}: no such file or directory`;
  const firstPart = text.split('/')[0] ?? '';
  // `ghcr.io/acme/app:ci` already names its registry; `app:ci` does not, so show where one goes.
  const hasRegistry = text.includes('/') && (firstPart.includes('.') || firstPart.includes(':') || firstPart === 'localhost');
  const registry = hasRegistry ? `docker://${text}` : `docker://REGISTRY/${text}`;
  return `${text} is not a file or directory; for a local Docker image use docker-daemon:${text}, for a registry ${registry}`;
}

const COMPONENT = String.raw`[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*`;
const IMAGE_NAME = new RegExp(String.raw`^((?:[a-z0-9.-]+(?::\d+)?/)?${COMPONENT}(?:/${COMPONENT})*)(:\w[\w.-]{0,127})?(@[a-z0-9]+:[a-f0-9]{32,})?$`);

/**
 * Image-name grammar (distribution's reference: lowercase path components, optional host[:port],
 * `:tag` and/or `@algo:hex`), without a path's tell-tale signs: a leading `/` `.` `~`, or a file
 * extension on the last component when there is no tag.
 */
function looksLikeImageName(text: string): boolean {
  if (/^[./~]/.test(text) || text.includes('\\')) return false;
  const match = IMAGE_NAME.exec(text);
  if (!match) return false;
  const [, name = '', tag, digest] = match;
  if (tag || digest) return true;
  // A bare `app` may be an image; `image.tar`, `base.json` are files that are missing.
  return !/\.(tar|tgz|gz|zst|json|oci)$/i.test(name);
}
