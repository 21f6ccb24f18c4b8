/** One `WWW-Authenticate` challenge, e.g. `Bearer realm="https://auth/token",service="reg",scope="..."`. */
export interface AuthChallenge {
  /** Lowercased: `bearer`, `basic`, ... */
  scheme: string;
  params: Record<string, string>;
}

/**
 * Parses a `WWW-Authenticate` header value (RFC 7235) into its challenges. Pure. Quoted values may
 * hold commas (`scope="repository:a:pull,push"`), so this is a small tokenizer, not a split.
 */
export function parseWwwAuthenticate(header: string | readonly string[] | undefined): AuthChallenge[] {
  if (header === undefined) return [];
  const values = typeof header === 'string' ? [header] : header;
  const challenges: AuthChallenge[] = [];
  for (const value of values) challenges.push(...parseOne(value));
  return challenges;
}

function parseOne(text: string): AuthChallenge[] {
  const out: AuthChallenge[] = [];
  let i = 0;
  let current: AuthChallenge | null = null;
  const skipSpaceAndCommas = () => {
    while (i < text.length && /[\s,]/.test(text[i] as string)) i++;
  };
  while (i < text.length) {
    skipSpaceAndCommas();
    const tokenMatch = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+/.exec(text.slice(i));
    if (!tokenMatch) break;
    const token = tokenMatch[0];
    i += token.length;
    while (i < text.length && text[i] === ' ') i++;
    if (text[i] === '=') {
      // auth-param of the current challenge
      i++;
      while (i < text.length && text[i] === ' ') i++;
      let value = '';
      if (text[i] === '"') {
        i++;
        while (i < text.length && text[i] !== '"') {
          if (text[i] === '\\' && i + 1 < text.length) i++;
          value += text[i];
          i++;
        }
        i++; // closing quote
      } else {
        const m = /^[^,\s]*/.exec(text.slice(i));
        value = m ? m[0] : '';
        i += value.length;
      }
      if (current) current.params[token.toLowerCase()] = value;
    } else {
      current = { scheme: token.toLowerCase(), params: {} };
      out.push(current);
    }
  }
  return out;
}
