// The checks behind the `url` and `web-origins` rules, on one string at a time. Pure and
// independent of YAML so that the fuzz and unit tests can drive them directly.

export type UriKind =
  /** rootUrl: absolute, no wildcard. */
  | 'root'
  /** homeUrl: absolute or relative to rootUrl, no wildcard. */
  | 'link'
  /**
   * adminUrl, backchannelLogoutUrl: as link, but Keycloak itself calls them, so a loopback or
   * link-local host (Keycloak's own ports, a cloud metadata service) is refused unless the
   * operator allows it (server-side request forgery).
   */
  | 'server'
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

/**
 * Why Keycloak must not call `hostname` (as URL.hostname gives it: normalised, IPv6 in
 * brackets), or null. Names that merely resolve to such addresses cannot be judged without DNS;
 * `localhost` and `*.localhost` always do (RFC 6761).
 */
export function internalHost(hostname: string): 'loopback' | 'link-local' | 'unspecified' | null {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return 'loopback';
  const v4 = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(host);
  if (v4) return ipv4Kind(Number(v4[1]), Number(v4[2]));
  if (!host.startsWith('[')) return null;
  const v6 = host.slice(1, -1);
  if (v6 === '::1') return 'loopback';
  if (v6 === '::') return 'unspecified';
  // IPv4-mapped (::ffff:7f00:1, as URL writes ::ffff:127.0.0.1): judged as the IPv4 address.
  const mapped = /^::ffff:([0-9a-f]{1,4}):[0-9a-f]{1,4}$/.exec(v6);
  if (mapped) {
    const high = parseInt(mapped[1] ?? '0', 16);
    return ipv4Kind(high >> 8, high & 0xff);
  }
  if (/^fe[89ab][0-9a-f]:/.test(v6)) return 'link-local';
  return null;
}

function ipv4Kind(a: number, b: number): 'loopback' | 'link-local' | 'unspecified' | null {
  if (a === 127) return 'loopback';
  if (a === 169 && b === 254) return 'link-local';
  if (a === 0) return 'unspecified';
  return null;
}

/** What an internal host in a server-called URL is refused with. */
export function internalHostMessage(uri: string, why: string, host: string): string {
  return `'${uri}' points at a ${why} address (${host}), which Keycloak would call from inside its own network (server-side request forgery); use the application's public address, or ask an operator to list the host in clientsync.yaml's allowedInternalHosts`;
}

export interface UriCheckOptions {
  /** clientsync.yaml's allowedInternalHosts: hosts a server-called URL may use although internal. */
  readonly allowedInternalHosts?: readonly string[];
}

/** Returns what is wrong with `uri`, or null. */
export function checkUri(uri: string, kind: UriKind, rootUrlSet: boolean, options: UriCheckOptions = {}): string | null {
  if (kind === 'post-logout' && uri === '+') return null;
  if (/\s/.test(uri)) return `'${uri}' contains white space; URLs have none (encode a space as %20)`;
  const scheme = SCHEME.exec(uri)?.[1]?.toLowerCase();
  if (scheme === 'javascript' || scheme === 'data' || scheme === 'vbscript') {
    return `'${uri}' uses the ${scheme}: scheme, which runs code in the browser; use an https:// URL`;
  }
  const wildcardAllowed = kind === 'redirect' || kind === 'post-logout';
  // '*' matches every URL whatever rootUrl says. '/*' is relative: Keycloak resolves it against
  // rootUrl (every path of that one site: safe), or without rootUrl against its own address.
  if (uri === '*') {
    return `'*' would allow redirects to any site (an open redirect), whatever rootUrl says; list the exact URLs, e.g. https://app.example.com/*, or write '/*' with rootUrl set (Keycloak resolves it against rootUrl)`;
  }
  if (uri === '/*' && wildcardAllowed && !rootUrlSet) {
    return `'/*' without rootUrl would allow redirects to any page of Keycloak's own site, against which Keycloak resolves it; it needs rootUrl: set rootUrl (then '/*' means every path of that site) or list absolute URLs`;
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
  if (kind === 'server') {
    const why = internalHost(parsed.hostname);
    if (why !== null && !isAllowedInternal(parsed.hostname, options)) return internalHostMessage(uri, why, parsed.hostname);
  }
  if (scheme === 'http' && !LOOPBACK_HOSTS.has(parsed.hostname)) {
    return `'${uri}' uses http://; use https:// (http is only allowed for localhost, 127.0.0.1 and [::1])`;
  }
  return null;
}

/** The operator's allowedInternalHosts holds this host (compared as URL normalises both). */
export function isAllowedInternal(hostname: string, options: UriCheckOptions): boolean {
  return (options.allowedInternalHosts ?? []).some((allowed) => {
    try {
      return new URL(`http://${allowed.includes(':') && !allowed.startsWith('[') ? `[${allowed}]` : allowed}/`).hostname === hostname;
    } catch {
      return false;
    }
  });
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
