import { describe, expect, it } from 'vitest';
import { githubSettingsFromEnv, GitHubSettingsError } from './settings.js';

const noFile = () => {
  throw Object.assign(new Error('nope'), { code: 'ENOENT' });
};
const context = { gitUrl: 'https://github.com/example-org/insights-clients.git', webhookSecret: true, readFile: noFile };
const KEY = '-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----';

describe('githubSettingsFromEnv', () => {
  it('a token turns planning on for the repository --git-url names; clientsync/sync goes there too', () => {
    const s = githubSettingsFromEnv({ CLIENTSYNC_GITHUB_TOKEN: 't0ken' }, context);
    expect(s).toMatchObject({ planningOff: null, settings: { apiUrl: 'https://api.github.com', identity: { kind: 'token' } }, syncRepository: { owner: 'example-org', name: 'insights-clients' } });
    expect(s.followed).toEqual({ kind: 'git-url', url: context.gitUrl, key: 'github.com/example-org/insights-clients' });
  });

  it('says why planning is off: no identity, a local folder, an unknown repository, no webhook secret', () => {
    expect(githubSettingsFromEnv({}, context).planningOff).toContain('CLIENTSYNC_GITHUB_TOKEN');
    expect(githubSettingsFromEnv({ CLIENTSYNC_GITHUB_TOKEN: 't' }, { ...context, gitUrl: undefined }).planningOff).toContain('--dir');
    expect(githubSettingsFromEnv({ CLIENTSYNC_GITHUB_TOKEN: 't' }, { ...context, gitUrl: 'file:///srv/clients.git' }).planningOff).toContain('CLIENTSYNC_GITHUB_REPOSITORY');
    expect(githubSettingsFromEnv({ CLIENTSYNC_GITHUB_TOKEN: 't', CLIENTSYNC_GITHUB_REPOSITORY: 'o/r' }, { ...context, gitUrl: 'file:///srv/clients.git' }).planningOff).toBeNull();
    expect(githubSettingsFromEnv({ CLIENTSYNC_GITHUB_TOKEN: 't' }, { ...context, webhookSecret: false }).planningOff).toContain('CLIENTSYNC_WEBHOOK_SECRET');
  });

  it('a GitHub App from its id and key (text or file); bad settings are usage errors that name the variable and hold no secret', () => {
    const app = githubSettingsFromEnv({ CLIENTSYNC_GITHUB_APP_ID: '12', CLIENTSYNC_GITHUB_APP_PRIVATE_KEY_FILE: '/k.pem', CLIENTSYNC_GITHUB_APP_INSTALLATION_ID: '34' }, { ...context, readFile: () => KEY });
    expect(app.settings?.identity).toEqual({ kind: 'app', appId: '12', privateKey: KEY, installationId: 34 });
    const bad = (env: Record<string, string>) => () => githubSettingsFromEnv(env, context);
    expect(bad({ CLIENTSYNC_GITHUB_APP_ID: 'abc', CLIENTSYNC_GITHUB_APP_PRIVATE_KEY: KEY })).toThrow(/CLIENTSYNC_GITHUB_APP_ID must be/);
    expect(bad({ CLIENTSYNC_GITHUB_APP_ID: '1' })).toThrow(/private key/);
    expect(bad({ CLIENTSYNC_GITHUB_APP_ID: '1', CLIENTSYNC_GITHUB_APP_PRIVATE_KEY_FILE: '/missing' })).toThrow(/cannot read \/missing \(ENOENT\)/);
    expect(bad({ CLIENTSYNC_GITHUB_TOKEN: 'secret-token-x', CLIENTSYNC_GITHUB_APP_ID: '1' })).toThrow(GitHubSettingsError);
    expect(bad({ CLIENTSYNC_GITHUB_TOKEN: 'secret-token-x', CLIENTSYNC_GITHUB_API_URL: 'http://github.example.com/api/v3' })).toThrow(/https:\/\//);
    expect(bad({ CLIENTSYNC_GITHUB_REPOSITORY: 'not a repo' })).toThrow(/owner\/name/);
    try {
      bad({ CLIENTSYNC_GITHUB_TOKEN: 'secret-token-x', CLIENTSYNC_GITHUB_APP_ID: '1' })();
    } catch (error) {
      expect(String(error)).not.toContain('secret-token-x');
    }
  });
});
