import type { Problem } from '../../model/problem.js';
import { checkUri, checkWebOrigin, internalHost, internalHostMessage, isAllowedInternal, type UriKind } from './uri-check.js';
import { clientEntries, problemAt, type AccountContext } from './context.js';

const SINGLE: readonly (readonly [string, UriKind])[] = [
  ['rootUrl', 'root'],
  ['homeUrl', 'link'],
  ['adminUrl', 'server'],
  ['backchannelLogoutUrl', 'server'],
];
const LISTS: readonly (readonly [string, UriKind])[] = [
  ['redirectUris', 'redirect'],
  ['postLogoutRedirectUris', 'post-logout'],
];

/** `url`: see checkUri for what an acceptable URL is in each field. */
export function urlRule(ctx: AccountContext): Problem[] {
  const problems: Problem[] = [];
  for (const entry of clientEntries(ctx)) {
    const rootUrl = entry.client['rootUrl'];
    const rootUrlSet = typeof rootUrl === 'string';
    const options = { allowedInternalHosts: ctx.settings.allowedInternalHosts };
    for (const [field, kind] of SINGLE) {
      const value = entry.client[field];
      if (typeof value !== 'string' || value === '') continue;
      const message = checkUri(value, kind, rootUrlSet, options) ?? (kind === 'server' && rootUrlSet ? relativeToInternalRoot(value, rootUrl, options) : null);
      if (message) problems.push(problemAt(ctx, 'url', [...entry.path, field], `${field}: ${message}`));
    }
    for (const [field, kind] of LISTS) {
      const list = entry.client[field];
      if (!Array.isArray(list)) continue;
      list.forEach((value, i) => {
        if (typeof value !== 'string' || value === '') return;
        const message = checkUri(value, kind, rootUrlSet, options);
        if (message) problems.push(problemAt(ctx, 'url', [...entry.path, field, i], `${field}: ${message}`));
      });
    }
  }
  return problems;
}

/** A relative server-called URL is called at rootUrl's host: that host must not be internal either. */
function relativeToInternalRoot(value: string, rootUrl: string, options: { allowedInternalHosts: readonly string[] }): string | null {
  if (!value.startsWith('/')) return null;
  let host: string;
  try {
    host = new URL(rootUrl).hostname;
  } catch {
    return null; // rootUrl's own problem is reported on rootUrl
  }
  const why = internalHost(host);
  if (why === null || isAllowedInternal(host, options)) return null;
  return `${internalHostMessage(value, why, host)} (it is resolved against rootUrl '${rootUrl}')`;
}

/** `web-origins`: each is '+' or an origin scheme://host[:port] without a path; '*' is an error. */
export function webOriginsRule(ctx: AccountContext): Problem[] {
  const problems: Problem[] = [];
  for (const entry of clientEntries(ctx)) {
    const list = entry.client['webOrigins'];
    if (!Array.isArray(list)) continue;
    list.forEach((value, i) => {
      if (typeof value !== 'string' || value === '') return;
      const message = checkWebOrigin(value);
      if (message) problems.push(problemAt(ctx, 'web-origins', [...entry.path, 'webOrigins', i], `webOrigins: ${message}`));
    });
  }
  return problems;
}
