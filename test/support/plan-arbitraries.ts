// fast-check generators of small, messy desired and live states for the planner's property
// tests: few names, so that declared, live, managed, unmanaged and built-in clients collide
// often. Test-only code.
import fc from 'fast-check';
import type { Capability, ClientSpec, DesiredAccount, DesiredState } from '../../src/model/desired.js';
import type { LiveClient, LiveState, ManagedFields } from '../../src/model/live.js';
import { builtIns, desired, live } from './plan-builders.js';

const ACCOUNTS = ['acme', 'beta', 'gamma'] as const;
const NAMES = ['a', 'b', 'c'] as const;
/** Includes the same instant written in two zones. */
export const TIMES = [
  '2026-01-01T00:00:00Z',
  '2026-01-01T01:00:00+01:00',
  '2026-03-01T00:00:00Z',
  '2026-06-01T12:00:00Z',
  '2026-09-01T00:00:00-05:00',
] as const;
export const NOWS = ['2025-12-01T00:00:00Z', '2026-06-01T12:00:00Z', '2027-01-01T00:00:00Z'] as const;

const capabilities = fc.subarray<Capability>(['WebApp', 'Script', 'Backchannel'], { minLength: 1 });
const uris = fc.array(fc.constantFrom('https://a.example/*', 'https://b.example/*', '/cb'), { maxLength: 3 });
const scopes = fc.array(fc.constantFrom('datahub-api', 'push-data', 'profile', 'email'), { maxLength: 3 });
const text = fc.constantFrom('', 'A', 'B');

function specFor(clientId: string): fc.Arbitrary<ClientSpec> {
  return fc
    .record(
      {
        displayName: text,
        capabilities,
        redirectUris: uris,
        webOrigins: fc.array(fc.constantFrom('+', 'https://a.example'), { maxLength: 2 }),
        scopes,
        rotate: fc.constantFrom(...TIMES),
        adopt: fc.boolean(),
      },
      { requiredKeys: ['capabilities'] },
    )
    .map((fields) => ({ clientId, ...fields }));
}

function accountFor(accountId: string): fc.Arbitrary<DesiredAccount | null> {
  const file = `clients/${accountId}.yaml`;
  return fc.oneof(
    fc.constant(null),
    fc.constant<DesiredAccount>({ accountId, file, valid: false, errorCount: 1, clients: [] }),
    fc
      .subarray([...NAMES])
      .chain((names) => fc.tuple(...names.map((n) => specFor(`${accountId}_${n}`))))
      .map((clients): DesiredAccount => ({ accountId, file, valid: true, errorCount: 0, clients })),
  );
}

const managedFields: fc.Arbitrary<ManagedFields> = fc.record({
  displayName: text,
  description: fc.constantFrom('', 'd'),
  capabilities: fc.array(fc.constantFrom<Capability>('Backchannel', 'Script', 'WebApp'), { maxLength: 3 }),
  rootUrl: fc.constant(''),
  homeUrl: fc.constant(''),
  adminUrl: fc.constant(''),
  redirectUris: uris,
  postLogoutRedirectUris: fc.constant([]),
  webOrigins: fc.array(fc.constantFrom('+', 'https://a.example'), { maxLength: 2 }),
  backchannelLogoutUrl: fc.constant(''),
  scopes,
  confidential: fc.boolean(),
});

function liveFor(clientId: string): fc.Arbitrary<LiveClient | null> {
  return fc.option(
    fc.record({
      id: fc.constant(`id-${clientId}`),
      clientId: fc.constant(clientId),
      managed: fc.boolean(),
      account: fc.constantFrom(null, clientId.split('_')[0] ?? null, 'beta'),
      revision: fc.constant(null),
      rotatedAt: fc.constantFrom(null, 'garbage', ...TIMES),
      builtIn: fc.constant(false),
      fields: managedFields,
    }),
    { nil: null },
  );
}

export const desiredStates: fc.Arbitrary<DesiredState> = fc
  .tuple(...ACCOUNTS.map(accountFor))
  .map((accounts) => desired(accounts.filter((a): a is DesiredAccount => a !== null)));

export const liveStates: fc.Arbitrary<LiveState> = fc
  .tuple(...ACCOUNTS.flatMap((a) => [...NAMES, 'z'].map((n) => liveFor(`${a}_${n}`))))
  .map((clients) => live([...builtIns(), ...clients.filter((c): c is LiveClient => c !== null)]));

/** The same state with every list that has no meaning in its order shuffled. */
export function shuffledDesired(state: DesiredState): fc.Arbitrary<DesiredState> {
  const clientLists = state.accounts.map((a) =>
    fc.tuple(...a.clients.map(shuffledSpec)).chain((specs) => permutation(specs)),
  );
  return fc
    .tuple(permutation(state.accounts.map((_, i) => i)), fc.tuple(...clientLists))
    .map(([order, lists]) =>
      desired(
        order.flatMap((i) => {
          const a = state.accounts[i];
          return a === undefined ? [] : [{ ...a, clients: lists[i] ?? a.clients }];
        }),
      ),
    );
}

function shuffledSpec(spec: ClientSpec): fc.Arbitrary<ClientSpec> {
  return fc
    .tuple(permutation(spec.capabilities), permutation(spec.redirectUris ?? []), permutation(spec.scopes ?? []))
    .map(([caps, redirects, scopeList]) => ({
      ...spec,
      capabilities: caps,
      ...(spec.redirectUris === undefined ? {} : { redirectUris: redirects }),
      ...(spec.scopes === undefined ? {} : { scopes: scopeList }),
    }));
}

export function shuffledLive(state: LiveState): fc.Arbitrary<LiveState> {
  return fc
    .tuple(
      permutation(state.clients),
      ...state.clients.map((c) =>
        fc
          .tuple(permutation(c.fields.redirectUris), permutation(c.fields.scopes), permutation(c.fields.capabilities))
          .map(([redirectUris, scopeList, caps]) => ({
            ...c,
            fields: { ...c.fields, redirectUris, scopes: scopeList, capabilities: caps },
          })),
      ),
    )
    .map(([order, ...clients]) => live(order.map((c) => clients[state.clients.indexOf(c)] ?? c)));
}

function permutation<T>(items: readonly T[]): fc.Arbitrary<readonly T[]> {
  return fc.shuffledSubarray([...items], { minLength: items.length, maxLength: items.length });
}
