import { describe, expect, it } from 'vitest';
import { desiredFields } from './desired-fields.js';
import { settings, spec } from '../../test/support/plan-builders.js';

describe('desiredFields', () => {
  it('fills absent strings and lists with empty values and is always confidential', () => {
    expect(desiredFields(spec('acme_x'), settings())).toEqual({
      displayName: '',
      description: '',
      capabilities: ['Script'],
      rootUrl: '',
      homeUrl: '',
      adminUrl: '',
      redirectUris: [],
      postLogoutRedirectUris: [],
      webOrigins: [],
      backchannelLogoutUrl: '',
      scopes: [],
      confidential: true,
    });
  });

  it('keeps every declared field, strings as written (relative URIs included)', () => {
    const fields = desiredFields(
      spec('acme_reporting', {
        displayName: 'Reporting dashboard',
        description: 'Monthly usage reports',
        capabilities: ['Backchannel', 'WebApp'],
        rootUrl: 'https://reports.acme.example',
        homeUrl: '/dashboard',
        adminUrl: 'https://reports.acme.example/admin',
        redirectUris: ['/callback', 'https://reports.acme.example/*'],
        postLogoutRedirectUris: ['https://reports.acme.example/'],
        webOrigins: ['+'],
        backchannelLogoutUrl: 'https://reports.acme.example/logout',
        scopes: ['datahub-api'],
      }),
      settings(),
    );
    expect(fields).toEqual({
      displayName: 'Reporting dashboard',
      description: 'Monthly usage reports',
      capabilities: ['WebApp', 'Backchannel'],
      rootUrl: 'https://reports.acme.example',
      homeUrl: '/dashboard',
      adminUrl: 'https://reports.acme.example/admin',
      redirectUris: ['/callback', 'https://reports.acme.example/*'],
      postLogoutRedirectUris: ['https://reports.acme.example/'],
      webOrigins: ['+'],
      backchannelLogoutUrl: 'https://reports.acme.example/logout',
      scopes: ['datahub-api'],
      confidential: true,
    });
  });

  it('puts capabilities in the canonical order WebApp, Script, Backchannel without duplicates', () => {
    const fields = desiredFields(spec('acme_x', { capabilities: ['Backchannel', 'Script', 'WebApp', 'Script'] }), settings());
    expect(fields.capabilities).toEqual(['WebApp', 'Script', 'Backchannel']);
  });

  it('sorts and de-duplicates lists by code unit, not by locale', () => {
    const fields = desiredFields(
      spec('acme_x', {
        redirectUris: ['https://b.example/*', 'https://a.example/*', 'https://b.example/*'],
        postLogoutRedirectUris: ['https://z.example/', 'https://Z.example/'],
        webOrigins: ['https://b.example', '+', 'https://a.example', '+'],
      }),
      settings(),
    );
    expect(fields.redirectUris).toEqual(['https://a.example/*', 'https://b.example/*']);
    // Upper case sorts before lower case by code unit; localeCompare would put it after.
    expect(fields.postLogoutRedirectUris).toEqual(['https://Z.example/', 'https://z.example/']);
    expect(fields.webOrigins).toEqual(['+', 'https://a.example', 'https://b.example']);
  });

  it('keeps only scopes listed in clientsync.yaml, sorted and de-duplicated', () => {
    const fields = desiredFields(
      spec('acme_x', { scopes: ['push-data', 'profile', 'datahub-api', 'push-data', 'toString'] }),
      settings(),
    );
    expect(fields.scopes).toEqual(['datahub-api', 'push-data']);
  });

  it('does not carry rotate or adopt into the managed fields', () => {
    const fields = desiredFields(spec('acme_x', { rotate: '2026-01-01T00:00:00Z', adopt: true }), settings());
    expect(Object.keys(fields)).not.toContain('rotate');
    expect(Object.keys(fields)).not.toContain('adopt');
  });
});
