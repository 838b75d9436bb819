// The checks behind the `url` and `web-origins` rules, on one string at a time. Pure and
// independent of YAML so that the fuzz and unit tests can drive them directly.

export type UriKind =
  /** rootUrl: absolute, no wildcard. */
  | 'root'
  /** homeUrl, adminUrl, backchannelLogoutUrl: absolute or relative to rootUrl, no wildcard. */
  | 'link'
  /** redirectUris: absolute or relative, a trailing '*' allowed. */
  | 'redirect'
  /** postLogoutRedirectUris: as redirect, and '+' (= the redirect URIs) allowed. */
  | 'post-logout';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):/;

/** Host part of an absolute URL string, as written (between '//' and the first '/', '?' or '#'). */
function hostPart(uri: string): string {
  const afterScheme = uri.slice(uri.indexOf('//') + 2);
  const end = afterScheme.search(/[/?#]/);
  return end === -1 ? afterScheme : afterScheme.slice(0, end);
}

/** Returns what is wrong with `uri`, or null. */
export function checkUri(uri: string, kind: UriKind, rootUrlSet: boolean): string | null {
  if (kind === 'post-logout' && uri === '+') return null;
  if (/\s/.test(uri)) return `'${uri}' contains white space; URLs have none (encode a space as %20)`;
  const scheme = SCHEME.exec(uri)?.[1]?.toLowerCase();
  if (scheme === 'javascript' || scheme === 'data' || scheme === 'vbscript') {
    return `'${uri}' uses the ${scheme}: scheme, which runs code in the browser; use an https:// URL`;
  }
  const wildcardAllowed = kind === 'redirect' || kind === 'post-logout';
  if (uri === '*' || uri === '/*') {
    return `'${uri}' would allow redirects to any site (an open redirect); list the exact URLs, e.g. https://app.example.com/*`;
  }
  const stars = [...uri].filter((c) => c === '*').length;
  if (stars > 0 && !wildcardAllowed) {
    return `'${uri}' contains '*'; wildcards are only allowed at the end of redirect URIs`;
  }
  if (stars > 0 && /^https?:\/\//i.test(uri) && hostPart(uri).includes('*')) {
    const host = hostPart(uri).replace(/\*/g, '').replace(/^\.+|[.:]+$/g, '');
    return `'${uri}' has a wildcard in the host part, which matches other sites (an open redirect); put the '*' after a '/', e.g. ${scheme}://${host || 'app.example.com'}/*`;
  }
  if (stars > 1 || (stars === 1 && !uri.endsWith('*'))) {
    return `'${uri}': a wildcard is only allowed as the last character, e.g. https://app.example.com/callback/*`;
  }
  if (uri.includes('#')) return `'${uri}' contains a fragment (#…); OAuth redirect URIs must not have one: remove it`;

  if (uri.startsWith('//')) {
    return `'${uri}' is protocol-relative; write the scheme, e.g. https:${uri}`;
  }
  if (uri.startsWith('/')) {
    if (kind === 'root') return `rootUrl '${uri}' must be absolute, e.g. https://app.example.com`;
    if (!rootUrlSet) return `'${uri}' is relative, which needs rootUrl; set rootUrl or write an absolute URL, e.g. https://app.example.com${uri}`;
    return null;
  }
  if (scheme === undefined) {
    return `'${uri}' is neither an absolute URL (https://…) nor a path starting with '/'`;
  }
  if (scheme !== 'http' && scheme !== 'https') {
    return `'${uri}' uses the ${scheme}: scheme; only https:// (or http:// for localhost) is allowed`;
  }
  if (!uri.slice(scheme.length + 1).startsWith('//')) return `'${uri}' must be written as ${scheme}://host/…`;
  let parsed: URL;
  try {
    parsed = new URL(stars === 1 ? uri.slice(0, -1) : uri);
  } catch {
    return `'${uri}' is not a valid URL`;
  }
  if (parsed.username || parsed.password) return `'${uri}' contains credentials (user:password@); remove them`;
  if (parsed.hostname === '') return `'${uri}' has no host`;
  if (scheme === 'http' && !LOOPBACK_HOSTS.has(parsed.hostname)) {
    return `'${uri}' uses http://; use https:// (http is only allowed for localhost, 127.0.0.1 and [::1])`;
  }
  return null;
}

/** Returns what is wrong with a web origin, or null. */
export function checkWebOrigin(origin: string): string | null {
  if (origin === '+') return null;
  if (origin === '*') return `'*' allows every website to call the API from a browser; list origins, or use '+' for the origins of redirectUris`;
  if (/\s/.test(origin)) return `'${origin}' contains white space`;
  const scheme = SCHEME.exec(origin)?.[1]?.toLowerCase();
  if (scheme !== 'http' && scheme !== 'https') {
    return `'${origin}' is not an origin; write scheme://host[:port], e.g. https://app.example.com, or '+'`;
  }
  if (origin.includes('*')) return `'${origin}' contains '*'; wildcards are not allowed in web origins: list each origin`;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return `'${origin}' is not a valid origin; write scheme://host[:port], e.g. https://app.example.com`;
  }
  const rest = origin.slice(scheme.length + 3);
  if (/[/?#]/.test(rest)) {
    return `'${origin}' has a path; an origin is only scheme://host[:port]: write '${parsed.origin}'`;
  }
  if (parsed.username || parsed.password) return `'${origin}' contains credentials; write '${parsed.origin}'`;
  if (scheme === 'http' && !LOOPBACK_HOSTS.has(parsed.hostname)) {
    return `'${origin}' uses http://; use https:// (http is only allowed for localhost, 127.0.0.1 and [::1])`;
  }
  return null;
}
