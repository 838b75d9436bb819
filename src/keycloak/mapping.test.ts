import { describe, expect, it } from 'vitest';
import type { ManagedFields } from '../model/live.js';
import { clientBody, toLiveClient, type ClientRepresentation } from './mapping.js';

const scopes = new Set(['datahub-api', 'push-data']);

const fields: ManagedFields = {
  displayName: 'Reports',
  description: 'Monthly',
  capabilities: ['WebApp', 'Script', 'Backchannel'],
  rootUrl: 'https://r.example',
  homeUrl: '/home',
  adminUrl: 'https://r.example/admin',
  redirectUris: ['https://r.example/*'],
  postLogoutRedirectUris: ['+', 'https://r.example/bye'],
  webOrigins: ['+'],
  backchannelLogoutUrl: 'https://r.example/logout',
  scopes: ['datahub-api'],
  confidential: true,
};

describe('Keycloak mapping', () => {
  it('round-trips every managed field through a representation', () => {
    const body = clientBody('acme_r', fields, { account: 'acme', revision: 'abc', rotatedAt: '2026-01-01T00:00:00Z' }, 'update');
    const rep: ClientRepresentation = { ...body, id: 'uuid-1', defaultClientScopes: ['profile', 'email', 'datahub-api'], secret: 'sssh' };
    const live = toLiveClient(rep, scopes)!;
    expect(live.fields).toEqual(fields);
    expect(live).toMatchObject({ id: 'uuid-1', clientId: 'acme_r', managed: true, account: 'acme', revision: 'abc', rotatedAt: '2026-01-01T00:00:00Z', builtIn: false });
    expect(JSON.stringify(live)).not.toContain('sssh');
  });

  it('create bodies omit protocol (it would make a public client) and empty attributes, and send flags and webOrigins explicitly', () => {
    const bare: ManagedFields = { ...fields, capabilities: ['Script'], redirectUris: [], webOrigins: [], postLogoutRedirectUris: [], backchannelLogoutUrl: '', rootUrl: '' };
    const body = clientBody('acme_s', bare, { account: 'acme', revision: null }, 'create');
    expect(body.protocol).toBeUndefined();
    expect(body).toMatchObject({ publicClient: false, bearerOnly: false, directAccessGrantsEnabled: false, implicitFlowEnabled: false, standardFlowEnabled: false, serviceAccountsEnabled: true, webOrigins: [], redirectUris: [] });
    expect(body.attributes).toEqual({ 'clientsync.managed': 'true', 'clientsync.account': 'acme' });
    expect(body.defaultClientScopes).toBeUndefined();
  });

  it('update bodies clear attributes by writing them empty', () => {
    const bare: ManagedFields = { ...fields, capabilities: ['WebApp'], postLogoutRedirectUris: [], backchannelLogoutUrl: '' };
    const body = clientBody('acme_s', bare, { account: 'acme', revision: 'r2' }, 'update');
    expect(body.protocol).toBe('openid-connect');
    expect(body.attributes).toMatchObject({ 'post.logout.redirect.uris': '', 'backchannel.logout.url': '', 'clientsync.revision': 'r2' });
  });

  it("reads Keycloak's defaults as not confidential-enforced, and built-in clients as built-in", () => {
    const publicClient = toLiveClient({ id: '1', clientId: 'acme_x', protocol: 'openid-connect', publicClient: true, attributes: {} }, scopes)!;
    expect(publicClient.fields.confidential).toBe(false);
    expect(publicClient.managed).toBe(false);
    expect(publicClient.publicClient).toBe(true); // the plan warns before making it confidential (#12.7)
    expect(toLiveClient({ id: '4', clientId: 'acme_y', attributes: {} }, scopes)!.publicClient).toBeUndefined();
    expect(toLiveClient({ id: '2', clientId: 'account', attributes: { realm_client: 'false' } }, scopes)!.builtIn).toBe(true);
    expect(toLiveClient({ id: '3', clientId: 'other', attributes: { realm_client: 'true' } }, scopes)!.builtIn).toBe(true);
    expect(toLiveClient({ clientId: 'no-id' }, scopes)).toBeNull();
  });

  it('Backchannel needs both the URL and session.required', () => {
    const rep = (attrs: Record<string, string>) => toLiveClient({ id: '1', clientId: 'acme_x', standardFlowEnabled: true, attributes: attrs }, scopes)!.fields.capabilities;
    expect(rep({ 'backchannel.logout.url': 'https://x/l', 'backchannel.logout.session.required': 'true' })).toEqual(['WebApp', 'Backchannel']);
    expect(rep({ 'backchannel.logout.url': 'https://x/l', 'backchannel.logout.session.required': 'false' })).toEqual(['WebApp']);
    expect(rep({ 'backchannel.logout.session.required': 'true' })).toEqual(['WebApp']);
  });

  it('splits post-logout URIs on ## with surrounding space', () => {
    const live = toLiveClient({ id: '1', clientId: 'a_b', attributes: { 'post.logout.redirect.uris': 'https://b ## https://a##+' } }, scopes)!;
    expect(live.fields.postLogoutRedirectUris).toEqual(['+', 'https://a', 'https://b']);
  });
});
