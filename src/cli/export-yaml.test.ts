import { describe, expect, it } from 'vitest';
import { validateFiles } from '../../test/support/config-helpers.js';
import type { LiveClient } from '../model/live.js';
import { fields } from '../../test/support/apply-builders.js';
import { accountYaml } from './export-yaml.js';

const live = (clientId: string, managed: boolean, overrides: Partial<LiveClient['fields']> = {}): LiveClient => ({
  id: `id-${clientId}`,
  clientId,
  managed,
  account: managed ? 'acme' : null,
  revision: null,
  rotatedAt: null,
  builtIn: false,
  fields: fields(overrides),
});

describe('export', () => {
  it('writes a file that validates, with adopt: true for unmanaged clients and compact lists', () => {
    const text = accountYaml('acme', 'insights', [
      live('acme_web', false, { capabilities: ['WebApp', 'Backchannel'], redirectUris: ['https://a.example/*'], webOrigins: ['+'], backchannelLogoutUrl: 'https://a.example/logout', scopes: ['datahub-api'], displayName: 'Web: "quoted"' }),
      live('acme_job', true, { description: 'nightly', scopes: ['push-data'] }),
    ]);
    expect(text).toContain('capabilities: [WebApp, Backchannel]');
    expect(text).toContain('adopt: true');
    expect(validateFiles({ 'clients/acme.yaml': text }).problems).toEqual([]);
    const desired = validateFiles({ 'clients/acme.yaml': text }).desired!.accounts[0]!.clients;
    expect(desired.map((c) => [c.clientId, c.adopt ?? false])).toEqual([
      ['acme_web', true],
      ['acme_job', false],
    ]);
    expect(desired[0]!.displayName).toBe('Web: "quoted"');
  });

  it('marks a public client: adopting it makes it confidential (#12.7)', () => {
    const text = accountYaml('acme', 'insights', [{ ...live('acme_spa', false, { capabilities: ['WebApp'], redirectUris: ['https://a.example/*'], confidential: false }), publicClient: true }, live('acme_job', false)]);
    const lines = text.split('\n');
    const at = lines.findIndex((l) => l.includes('clientId: acme_spa'));
    expect(lines.slice(0, at).join('\n')).toMatch(/# acme_spa is a public client.*\n\s*#.*secret/);
    expect(text.match(/public client/g)).toHaveLength(1);
    expect(validateFiles({ 'clients/acme.yaml': text }).problems).toEqual([]);
  });
});
