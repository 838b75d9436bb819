// `clientsync daemon` (the built CLI) with the pages' settings: a half-configured sign-in or a
// weak status token stops it at start with one line and exit 64; --help documents the variables.
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';

describe('clientsync daemon: pages and /status settings', () => {
  it('refuses a half-configured sign-in, naming what is missing (exit 64), without printing the client secret', async () => {
    const result = await runCli(['daemon', '--dir', '.', '--listen', '127.0.0.1:0'], {
      env: { CLIENTSYNC_OIDC_ISSUER: 'https://sso.example/realms/x', CLIENTSYNC_OIDC_CLIENT_SECRET: 'very-secret-value-123', KEYCLOAK_URL: 'http://127.0.0.1:1' },
    });
    expect(result.code).toBe(64);
    expect(result.stderr).toMatch(/missing CLIENTSYNC_OIDC_CLIENT_ID, CLIENTSYNC_OIDC_REDIRECT_URL/);
    expect(result.stderr + result.stdout).not.toContain('very-secret-value-123');
  });

  it('refuses a short CLIENTSYNC_STATUS_TOKEN (exit 64) without echoing it', async () => {
    const result = await runCli(['daemon', '--dir', '.', '--listen', '127.0.0.1:0'], { env: { CLIENTSYNC_STATUS_TOKEN: 'tok-abc', KEYCLOAK_URL: 'http://127.0.0.1:1' } });
    expect(result.code).toBe(64);
    expect(result.stderr).toMatch(/CLIENTSYNC_STATUS_TOKEN is shorter than 16 characters/);
    expect(result.stderr).not.toContain('tok-abc');
  });

  it('--help documents the pages, the access rule and the variables', async () => {
    const result = await runCli(['daemon', '--help']);
    expect(result.code).toBe(0);
    for (const text of ['GET  /          the API Clients pages', 'CLIENTSYNC_STATUS_TOKEN', 'CLIENTSYNC_OIDC_ISSUER', 'CLIENTSYNC_OIDC_CLIENT_SECRET', 'CLIENTSYNC_SESSION_KEY']) expect(result.stdout).toContain(text);
  });
});
