// The TypeScript types in src/model/desired.ts mirror schemas/*.schema.json. These records are
// typed so that tsc fails when a field is added to or removed from a type, and the tests fail
// when the schema disagrees: together they keep the two from drifting apart.
import { describe, expect, it } from 'vitest';
import type { Capability, ClientSpec, SettingsSpec } from '../model/desired.js';
import { loadSchema } from './schemas.js';

type RequiredKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T];

const clientFields: Record<keyof ClientSpec, true> = {
  clientId: true,
  displayName: true,
  description: true,
  capabilities: true,
  rootUrl: true,
  homeUrl: true,
  adminUrl: true,
  redirectUris: true,
  postLogoutRedirectUris: true,
  webOrigins: true,
  backchannelLogoutUrl: true,
  scopes: true,
  rotate: true,
  adopt: true,
};
const clientRequired: Record<RequiredKeys<ClientSpec>, true> = { clientId: true, capabilities: true };
const settingsFields: Record<keyof SettingsSpec, true> = {
  realm: true,
  accountIdPattern: true,
  clientLimit: true,
  clientLimits: true,
  allowedInternalHosts: true,
  scopes: true,
};
const settingsRequired: Record<RequiredKeys<SettingsSpec>, true> = { realm: true, scopes: true };
const capabilities: Record<Capability, true> = { WebApp: true, Script: true, Backchannel: true };

interface ObjectSchema {
  properties: Record<string, { items?: { enum?: string[] } }>;
  required: string[];
  additionalProperties: boolean;
}

const sorted = (keys: object) => Object.keys(keys).sort();

describe('schemas and TypeScript types agree', () => {
  const account = loadSchema('account') as unknown as ObjectSchema & { $defs: { client: ObjectSchema } };
  const settings = loadSchema('clientsync') as unknown as ObjectSchema;

  it('client fields and required fields', () => {
    expect(Object.keys(account.$defs.client.properties).sort()).toEqual(sorted(clientFields));
    expect([...account.$defs.client.required].sort()).toEqual(sorted(clientRequired));
    expect(account.$defs.client.additionalProperties).toBe(false);
  });
  it('capabilities', () => {
    expect([...(account.$defs.client.properties['capabilities']!.items!.enum ?? [])].sort()).toEqual(sorted(capabilities));
  });
  it('account file top level', () => {
    expect(Object.keys(account.properties)).toEqual(['clients']);
    expect(account.additionalProperties).toBe(false);
  });
  it('settings fields and required fields', () => {
    expect(Object.keys(settings.properties).sort()).toEqual(sorted(settingsFields));
    expect([...settings.required].sort()).toEqual(sorted(settingsRequired));
    expect(settings.additionalProperties).toBe(false);
  });
  it('every property has a description (editors show it)', () => {
    const missing: string[] = [];
    const walk = (node: unknown, path: string) => {
      if (!node || typeof node !== 'object') return;
      const props = (node as { properties?: Record<string, { description?: string }> }).properties;
      for (const [name, prop] of Object.entries(props ?? {})) {
        if (!prop.description) missing.push(`${path}.${name}`);
        walk(prop, `${path}.${name}`);
      }
      for (const [name, def] of Object.entries((node as { $defs?: Record<string, unknown> }).$defs ?? {})) walk(def, `${path}.$defs.${name}`);
    };
    walk(account, 'account');
    walk(settings, 'clientsync');
    expect(missing).toEqual([]);
  });
});
