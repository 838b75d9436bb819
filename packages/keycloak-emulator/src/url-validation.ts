// Keycloak's client URL validation (DefaultClientValidationProvider of 26.7.3), run after a
// create or update is applied and before it is kept: any problem rolls the change back and the
// answer is 400 {"error":"invalid_input","error_description": <messages joined by "; ">}.
// Java's URI parser decides what "not a valid URI" means, so its rules are approximated here:
// characters RFC 2396 forbids, bad %-escapes, an empty authority; `toURL()` additionally needs
// an absolute URI with a protocol the JDK knows.
import { javaHashOrder, javaObjectsHash } from './java-order.js';
import type { Client } from './model.js';

interface Field {
  readonly id: string;
  readonly invalid: readonly [string, string];
  readonly fragment: readonly [string, string] | null;
  readonly scheme: readonly [string, string];
}

const field = (id: string, invalid: [string, string], fragment: [string, string] | null, scheme: [string, string]): Field => ({
  id,
  invalid,
  fragment,
  scheme,
});

const ROOT_URL = field('rootUrl', ['Root URL is not a valid URL', 'clientRootURLInvalid'], ['Root URL must not contain an URL fragment', 'clientRootURLFragmentError'], ['Root URL uses an illegal scheme', 'clientRootURLIllegalSchemeError']);
const BASE_URL = field('baseUrl', ['Base URL is not a valid URL', 'clientBaseURLInvalid'], null, ['Base URL uses an illegal scheme', 'clientBaseURLIllegalSchemeError']);
const REDIRECT_URIS = field('redirectUris', ['A redirect URI is not a valid URI', 'clientRedirectURIsInvalid'], ['A redirect URI must not contain an URL fragment', 'clientRedirectURIsFragmentError'], ['A redirect URI uses an illegal scheme', 'clientRedirectURIsIllegalSchemeError']);
const POST_LOGOUT = field('postLogoutUris', ['A post-logout redirect URI is not a valid URI', 'clientPostLogoutRedirectURIsInvalid'], ['A post-logout redirect URI must not contain an URL fragment', 'clientPostLogoutRedirectURIsFragmentError'], ['A post-logout redirect URI uses an illegal scheme', 'clientPostLogoutRedirectURIsIllegalSchemeError']);
const REQUEST_URIS = field('requestUris', ['Valid request URIs has an invalid value', 'requestUrisAreInvalid'], null, ['Valid request URIs has a value with illegal scheme', 'requestUrisHasIllegalSchemeError']);
const BACKCHANNEL = field('backchannelLogoutUrl', ['Backchannel logout URL is not a valid URL', 'backchannelLogoutUrlIsInvalid'], null, ['Backchannel logout URL uses an illegal scheme', 'backchannelLogoutUrlIllegalSchemeError']);
const LOGO = field('logoUri', ['Logo URL is not a valid URL', 'logoURLInvalid'], null, ['Logo URL uses an illegal scheme', 'logoURLIllegalSchemeError']);
const POLICY = field('policyUri', ['Policy URL is not a valid URL', 'policyURLInvalid'], null, ['Policy URL uses an illegal scheme', 'policyURLIllegalSchemeError']);
const TOS = field('tosUri', ['Terms of service URL is not a valid URL', 'tosURLInvalid'], null, ['Terms of service URL uses an illegal scheme', 'tosURLIllegalSchemeError']);
const ADMIN_URL = field('adminUrl', ['Admin URL is not a valid URL', 'adminURLInvalid'], null, ['Admin URL uses an illegal scheme', 'adminURLIllegalSchemeError']);
const JWKS_URL = field('jwksUrl', ['JWKS URL is not a valid URL', 'jwksURLInvalid'], null, ['JWKS URL uses an illegal scheme', 'jwksURLIllegalSchemeError']);
const FRONTCHANNEL = field('frontchannelLogoutUrl', ['Front-channel logout URL is not a valid URL', 'frontchannelLogoutUrlInvalid'], null, ['Front-channel logout URL uses an illegal scheme', 'frontchannelLogoutUrlIllegalSchemeError']);

const AUTH_SERVER_URL = 'https://localhost/auth';
const KNOWN_PROTOCOLS = new Set(['openid-connect', 'saml']);
const URL_PROTOCOLS = new Set(['http', 'https', 'ftp', 'file', 'jar', 'jrt', 'jmod', 'mailto']);

interface ValidationError {
  readonly fieldId: string | null;
  readonly message: string;
  readonly key: string | null;
}

class Collector {
  readonly errors: ValidationError[] = [];
  add(fieldId: string | null, message: string, key: string | null = null): void {
    if (!this.errors.some((e) => e.fieldId === fieldId && e.message === message && e.key === key)) {
      this.errors.push({ fieldId, message, key });
    }
  }
}

/** The messages Keycloak would answer with, in its order; empty when the client is valid. */
export function validateClient(client: Client): string[] {
  const errors = new Collector();
  if (client.clientId.trim() === '') errors.add(null, 'Client ID cannot be blank');
  if (client.protocol !== null && !KNOWN_PROTOCOLS.has(client.protocol)) {
    errors.add('protocol', `Invalid protocol: ${client.protocol}`);
  }
  validateUrls(client, errors);
  if (client.attributes.get('use.jwks.url') === 'true' && client.attributes.get('use.jwks.string') === 'true') {
    errors.add('jwksUrl', 'Illegal to use both jwks_uri and jwks_string', 'duplicatedJwksSettings');
  }
  // ValidationResult keeps a HashSet of errors (hash over field, message, key and no params) and
  // joins them with "; " in its iteration order.
  const ordered = javaHashOrder(
    errors.errors,
    (e) => (Math.imul(31, javaObjectsHash([e.fieldId, e.message, e.key])) + 1) | 0,
    (e) => `${e.fieldId}\u0000${e.message}\u0000${e.key}`,
  );
  return ordered.map((e) => e.message);
}

function validateUrls(client: Client, errors: Collector): void {
  const rootUrl = resolveRootUrl(client.rootUrl);
  const baseUrl = resolveRelative(AUTH_SERVER_URL, client.baseUrl);
  const backchannel = resolveRelative(AUTH_SERVER_URL, client.attributes.get('backchannel.logout.url') ?? null);
  checkUri(ROOT_URL, rootUrl, errors, true, true);
  checkUri(BASE_URL, baseUrl, errors, true, false);
  checkUri(BACKCHANNEL, backchannel, errors, true, false);
  for (const uri of client.redirectUris) checkUri(REDIRECT_URIS, resolveRelative(rootUrl, uri), errors, false, true);
  for (const uri of multivalued(client.attributes.get('post.logout.redirect.uris'))) {
    if (uri === '-' || uri === '+' || uri === '*') continue;
    checkUri(POST_LOGOUT, resolveRelative(rootUrl, uri), errors, false, true);
  }
  for (const uri of multivalued(client.attributes.get('request.uris'))) {
    checkUri(REQUEST_URIS, resolveRelative(rootUrl, uri), errors, false, false);
  }
  if (client.protocol === 'openid-connect') {
    const adminUrl = resolveRelative(rootUrl, client.adminUrl)?.replaceAll('${application.session.host}', 'localhost') ?? null;
    checkUri(ADMIN_URL, adminUrl, errors, true, false);
  }
  checkUri(JWKS_URL, resolveRelative(rootUrl, client.attributes.get('jwks.url') ?? null), errors, true, false);
  checkUri(FRONTCHANNEL, resolveRelative(rootUrl, client.attributes.get('frontchannel.logout.url') ?? null), errors, true, false);
  checkLogo(client.attributes.get('logoUri') ?? null, errors);
  checkUri(POLICY, client.attributes.get('policyUri') ?? null, errors, true, false);
  checkUri(TOS, client.attributes.get('tosUri') ?? null, errors, true, false);
}

function multivalued(value: string | undefined): string[] {
  if (value === undefined || value === '') return [];
  return value.split(/\s*##\s*/).filter((v) => v !== '');
}

function resolveRootUrl(rootUrl: string | null): string | null {
  if (rootUrl === '${authBaseUrl}' || rootUrl === '${authAdminUrl}') return AUTH_SERVER_URL;
  return rootUrl;
}

/** ResolveRelative.resolveRelativeUri with the fake server URL Keycloak validates against. */
function resolveRelative(rootUrl: string | null, url: string | null): string | null {
  if (url === null || !url.startsWith('/')) return url;
  if (rootUrl !== null && rootUrl !== '') return resolveRootUrl(rootUrl) + url;
  return `https://localhost${url}`;
}

function checkUri(f: Field, url: string | null, errors: Collector, checkValidUrl: boolean, checkFragment: boolean): void {
  if (url === null || url === '') return;
  let urlToCheck = url;
  if (f === BACKCHANNEL) {
    if (!curlyBracketsBalanced(url)) {
      errors.add(f.id, ...f.invalid);
      return;
    }
    urlToCheck = url.replaceAll('{', '%7B').replaceAll('}', '%7D');
  }
  const uri = parseJavaUri(urlToCheck);
  if (uri === null) {
    errors.add(f.id, ...f.invalid);
    return;
  }
  let valid = true;
  if (uri.scheme !== null && /^(?:data|javascript)$/i.test(uri.scheme)) {
    errors.add(f.id, ...f.scheme);
    valid = false;
  }
  if (checkFragment && uri.fragment !== null && f.fragment !== null) {
    errors.add(f.id, ...f.fragment);
    valid = false;
  }
  if (checkValidUrl && valid && (uri.scheme === null || !URL_PROTOCOLS.has(uri.scheme.toLowerCase()))) {
    errors.add(f.id, ...f.invalid);
  }
}

function checkLogo(url: string | null, errors: Collector): void {
  if (url === null || url === '') return;
  const uri = parseJavaUri(url);
  if (uri === null) errors.add(LOGO.id, ...LOGO.invalid);
  else if (uri.scheme !== null && uri.scheme.toLowerCase() === 'javascript') errors.add(LOGO.id, ...LOGO.scheme);
}

function curlyBracketsBalanced(url: string): boolean {
  let depth = 0;
  for (const c of url) {
    if (c === '{') depth++;
    else if (c === '}') {
      if (depth === 0) return false;
      depth--;
    }
  }
  return depth === 0;
}

interface JavaUri {
  readonly scheme: string | null;
  readonly fragment: string | null;
}

/**
 * An approximation of `new java.net.URI(s)`: null where Java throws URISyntaxException.
 * Covers what matters for client URLs: forbidden characters, malformed escapes, a scheme
 * followed by nothing or by an empty authority, a malformed scheme.
 */
export function parseJavaUri(s: string): JavaUri | null {
  // Space, control characters and " < > \ ^ ` { | } are never legal; [ ] only around an IPv6 host.
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c <= 0x20 || c === 0x7f || '"<>\\^`{|}'.includes(s[i] as string)) return null;
  }
  if (/%(?![0-9A-Fa-f]{2})/.test(s)) return null;
  const hash = s.indexOf('#');
  const fragment = hash >= 0 ? s.slice(hash + 1) : null;
  if (fragment !== null && fragment.includes('#')) return null;
  const beforeFragment = hash >= 0 ? s.slice(0, hash) : s;
  const colon = beforeFragment.search(/[:/?]/);
  let scheme: string | null = null;
  let rest = beforeFragment;
  if (colon >= 0 && beforeFragment[colon] === ':') {
    scheme = beforeFragment.slice(0, colon);
    if (!/^[A-Za-z][A-Za-z0-9+.-]*$/.test(scheme)) return null;
    rest = beforeFragment.slice(colon + 1);
    if (rest === '') return null;
  }
  if (rest.startsWith('//')) {
    const authority = /^\/\/([^/?]*)/.exec(rest)?.[1] ?? '';
    const path = rest.slice(2 + authority.length);
    if (authority === '' && scheme !== null && path === '') return null;
    if (!validAuthority(authority)) return null;
  } else if (/[[\]]/.test(rest)) {
    return null;
  }
  return { scheme, fragment };
}

function validAuthority(authority: string): boolean {
  const hostPort = authority.slice(authority.lastIndexOf('@') + 1);
  if (hostPort.startsWith('[')) return /^\[[0-9A-Fa-f:.]+\](?::\d*)?$/.test(hostPort);
  return !/[[\]]/.test(hostPort);
}
