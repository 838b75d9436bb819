// A KEYCLOAK_URL whose admin API answers with a redirect (an http:// address in front of an
// https-only Keycloak, a missing path prefix) is a setting to fix: the adapter neither follows it
// (a PUT would be re-sent elsewhere with the admin token) nor retries it, and says what to change.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { KeycloakAdapter } from '../../src/keycloak/index.js';
import { DEFAULT_RETRY } from '../../src/keycloak/retry.js';
import { KeycloakUnavailableError } from '../../src/model/errors.js';

function fakeToken(): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  return `${part({ alg: 'none' })}.${part({ iat: now, exp: now + 300 })}.sig`;
}

describe('a Keycloak address that redirects', () => {
  let server: Server | null = null;
  afterEach(async () => {
    await new Promise((resolve) => server?.close(resolve));
    server = null;
  });

  it('is one clear error, neither followed nor retried', async () => {
    const admin: string[] = [];
    const elsewhere: string[] = [];
    server = createServer((req, res) => {
      if (req.url?.includes('/protocol/openid-connect/token')) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ access_token: fakeToken(), expires_in: 300, token_type: 'Bearer' }));
      } else if (req.url?.startsWith('/elsewhere/')) {
        elsewhere.push(`${req.method} ${req.url}`);
        res.writeHead(204).end();
      } else {
        admin.push(`${req.method} ${req.url}`);
        res.writeHead(308, { location: `/elsewhere${req.url}` }).end();
      }
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const adapter = new KeycloakAdapter(
      { url, authRealm: 'master', credentials: { kind: 'client', clientId: 'c', clientSecret: 's' } },
      { retry: { ...DEFAULT_RETRY, sleep: async () => undefined } },
    );

    const failure = await adapter.deleteClient('insights', 'some-id').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(KeycloakUnavailableError);
    expect((failure as Error).message).toMatch(/answered with a redirect, which clientsync does not follow: set KEYCLOAK_URL/);
    expect(admin).toEqual(['DELETE /admin/realms/insights/clients/some-id']);
    expect(elsewhere).toEqual([]);
  });
});
