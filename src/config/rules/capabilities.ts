import type { Problem } from '../../model/problem.js';
import { clientEntries, clientName, problemAt, stringList, type AccountContext } from './context.js';

/**
 * `capabilities`: at least one of WebApp, Script; Backchannel needs WebApp and
 * backchannelLogoutUrl; backchannelLogoutUrl needs Backchannel.
 */
export function capabilitiesRule(ctx: AccountContext): Problem[] {
  const problems: Problem[] = [];
  for (const entry of clientEntries(ctx)) {
    const raw = entry.client['capabilities'];
    if (!Array.isArray(raw)) continue; // missing or mistyped: the schema reports it
    const caps = stringList(raw);
    const at = [...entry.path, 'capabilities'];
    const name = clientName(entry);
    const unknown = raw.some((c) => c !== 'WebApp' && c !== 'Script' && c !== 'Backchannel');
    // With a misspelt capability the schema already says what to write; don't pile on.
    if (!unknown && !caps.includes('WebApp') && !caps.includes('Script')) {
      problems.push(
        problemAt(ctx, 'capabilities', at, `${name} needs at least one of WebApp (browser login) or Script (service account), e.g. capabilities: [Script]`),
      );
    }
    const backchannelIndex = caps.indexOf('Backchannel');
    const hasUrl = entry.client['backchannelLogoutUrl'] !== undefined;
    if (backchannelIndex >= 0) {
      const bcAt = [...at, raw.indexOf('Backchannel')];
      if (!unknown && !caps.includes('WebApp')) {
        problems.push(problemAt(ctx, 'capabilities', bcAt, `${name}: Backchannel logout needs the WebApp capability; add WebApp or remove Backchannel`));
      }
      if (!hasUrl) {
        problems.push(
          problemAt(ctx, 'capabilities', bcAt, `${name}: Backchannel needs backchannelLogoutUrl, e.g. backchannelLogoutUrl: https://app.example.com/logout`),
        );
      }
    } else if (hasUrl) {
      problems.push(
        problemAt(
          ctx,
          'capabilities',
          [...entry.path, 'backchannelLogoutUrl'],
          `${name}: backchannelLogoutUrl is only used with the Backchannel capability; add Backchannel to capabilities or remove this field`,
          { part: 'key' },
        ),
      );
    }
  }
  return problems;
}

/**
 * `redirects`: a WebApp client needs at least one redirect URI; a Script-only client has no
 * redirect URIs, post-logout URIs or web origins (nothing would ever use them).
 */
export function redirectsRule(ctx: AccountContext): Problem[] {
  const problems: Problem[] = [];
  for (const entry of clientEntries(ctx)) {
    const raw = entry.client['capabilities'];
    if (!Array.isArray(raw)) continue;
    const caps = stringList(raw);
    const name = clientName(entry);
    if (caps.includes('WebApp')) {
      const redirects = entry.client['redirectUris'];
      if (redirects === undefined || (Array.isArray(redirects) && redirects.length === 0)) {
        const at = redirects === undefined ? [...entry.path, 'capabilities'] : [...entry.path, 'redirectUris'];
        problems.push(
          problemAt(ctx, 'redirects', at, `${name} has WebApp and needs at least one redirect URI, e.g. redirectUris: ["https://app.example.com/*"]`),
        );
      }
    } else if (caps.includes('Script')) {
      for (const field of ['redirectUris', 'postLogoutRedirectUris', 'webOrigins'] as const) {
        if (entry.client[field] === undefined) continue;
        problems.push(
          problemAt(ctx, 'redirects', [...entry.path, field], `${name} is Script-only and never redirects a browser; remove ${field} or add the WebApp capability`, {
            part: 'key',
          }),
        );
      }
    }
  }
  return problems;
}
