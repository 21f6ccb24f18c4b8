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
  return { transport, path: rest, raw } as ImageReference;
}
