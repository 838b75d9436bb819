import { describe, expect, it } from 'vitest';
import { webhookExamples } from '../../test/support/webhook-examples.js';
import { repositoryKey } from '../github/repository-name.js';
import { RecentDeliveries } from './recent-deliveries.js';
import { decideWebhook, signBody, verifySignature } from './webhook.js';

const SECRET = 'It’s a Secret to Everybody';
// GitHub's documented example: secret "It's a Secret to Everybody", payload "Hello, World!".
const GITHUB_EXAMPLE = 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17';

describe('verifySignature', () => {
  const body = Buffer.from('Hello, World!');

  it("accepts GitHub's documented example and our own signatures", () => {
    expect(verifySignature("It's a Secret to Everybody", body, GITHUB_EXAMPLE)).toBe(true);
    expect(verifySignature(SECRET, body, signBody(SECRET, body))).toBe(true);
    expect(verifySignature(SECRET, body, signBody(SECRET, body).toUpperCase().replace('SHA256=', 'sha256='))).toBe(true);
  });

  it('refuses a missing, malformed, truncated or wrong signature, a changed body and an empty secret', () => {
    const good = signBody(SECRET, body);
    expect(verifySignature(SECRET, body, undefined)).toBe(false);
    expect(verifySignature(SECRET, body, '')).toBe(false);
    expect(verifySignature(SECRET, body, good.replace('sha256=', 'sha1='))).toBe(false);
    expect(verifySignature(SECRET, body, good.slice(0, -2))).toBe(false);
    expect(verifySignature(SECRET, body, `${good}00`)).toBe(false);
    expect(verifySignature(SECRET, body, `sha256=${'z'.repeat(64)}`)).toBe(false);
    expect(verifySignature('another secret', body, good)).toBe(false);
    expect(verifySignature(SECRET, Buffer.from('Hello, World?'), good)).toBe(false);
    expect(verifySignature('', body, signBody('', body))).toBe(false);
  });
});

describe('decideWebhook', () => {
  const push = (ref: string) => Buffer.from(JSON.stringify({ ref, after: 'abc' }));

  it('pushes to the followed branch trigger; others are ignored with a reason', () => {
    expect(decideWebhook('push', 'application/json', push('refs/heads/main'), 'main')).toEqual({ kind: 'trigger', ref: 'refs/heads/main' });
    expect(decideWebhook('push', 'application/json', push('refs/heads/dev'), 'main')).toMatchObject({ kind: 'ignore', reason: expect.stringContaining('refs/heads/dev') });
    expect(decideWebhook('push', 'application/json', push('refs/tags/v1'), 'main')).toMatchObject({ kind: 'ignore' });
  });

  it('a local folder follows no branch: every push triggers', () => {
    expect(decideWebhook('push', 'application/json', push('refs/heads/anything'), null)).toMatchObject({ kind: 'trigger' });
  });

  it('pings, other events, form-encoded payloads and bad payloads', () => {
    expect(decideWebhook('ping', 'application/json', Buffer.from('{}'), 'main')).toEqual({ kind: 'ping' });
    expect(decideWebhook('pull_request', 'application/json', Buffer.from('{}'), 'main')).toMatchObject({ kind: 'ignore' });
    expect(decideWebhook(undefined, 'application/json', Buffer.from('{}'), 'main')).toMatchObject({ kind: 'ignore' });
    const form = Buffer.from(new URLSearchParams({ payload: JSON.stringify({ ref: 'refs/heads/main' }) }).toString());
    expect(decideWebhook('push', 'application/x-www-form-urlencoded', form, 'main')).toMatchObject({ kind: 'trigger' });
    expect(decideWebhook('push', 'application/json', Buffer.from('not json'), 'main')).toMatchObject({ kind: 'bad-request' });
    expect(decideWebhook('push', 'application/json', Buffer.from('[1]'), 'main')).toMatchObject({ kind: 'bad-request' });
    expect(decideWebhook('push', 'application/json', Buffer.from('{}'), 'main')).toMatchObject({ kind: 'bad-request' });
  });
});

describe('decideWebhook: pull_request and the followed repository', () => {
  const examples = webhookExamples();
  const opened = examples.pullRequest('opened');
  const on = { followed: { kind: 'setting', name: { owner: 'Codertocat', name: 'Hello-World' } }, planningOff: null } as const;
  const body = (payload: unknown) => Buffer.from(JSON.stringify(payload));

  it("plans opened, reopened, synchronize and ready_for_review of the followed repository's pull requests into the followed branch", () => {
    for (const action of ['opened', 'reopened', 'synchronize', 'ready_for_review']) {
      const payload = examples.pullRequest(action);
      const decision = decideWebhook('pull_request', 'application/json', body(payload), payload.pull_request.base.ref, on);
      expect(decision).toMatchObject({ kind: 'plan', event: { action, number: payload.number, headSha: payload.pull_request.head.sha, repository: { owner: 'Codertocat', name: 'Hello-World' } } });
    }
  });

  it('acknowledges and ignores other actions, other base branches and other repositories', () => {
    const base = opened.pull_request.base.ref;
    expect(decideWebhook('pull_request', 'application/json', body(examples.pullRequest('closed')), base, on)).toMatchObject({ kind: 'ignore', reason: expect.stringContaining("'closed' is not planned") });
    expect(decideWebhook('pull_request', 'application/json', body(opened), 'release', on)).toMatchObject({ kind: 'ignore', reason: expect.stringContaining('another branch') });
    const other = { ...opened, repository: { ...opened.repository, full_name: 'someone/else' } };
    expect(decideWebhook('pull_request', 'application/json', body(other), base, on)).toMatchObject({ kind: 'ignore', reason: expect.stringContaining('another repository') });
    // Pushes are held to the same rule when the followed repository is known.
    expect(decideWebhook('push', 'application/json', body({ ref: 'refs/heads/main', repository: { full_name: 'someone/else' } }), 'main', on)).toMatchObject({ kind: 'ignore' });
    expect(decideWebhook('push', 'application/json', body({ ref: 'refs/heads/main', repository: { full_name: 'codertocat/hello-world' } }), 'main', on)).toMatchObject({ kind: 'trigger' });
  });

  it("matches --git-url against the payload's clone_url, ssh_url or html_url, host included", () => {
    const base = opened.pull_request.base.ref;
    const followed = (url: string) => ({ followed: { kind: 'git-url', url, key: repositoryKey(url)! }, planningOff: null }) as const;
    for (const url of ['https://github.com/Codertocat/Hello-World.git', 'git@github.com:codertocat/hello-world.git', 'ssh://git@github.com/Codertocat/Hello-World']) {
      expect(decideWebhook('pull_request', 'application/json', body(opened), base, followed(url))).toMatchObject({ kind: 'plan' });
    }
    expect(decideWebhook('pull_request', 'application/json', body(opened), base, followed('https://github.example.com/Codertocat/Hello-World.git'))).toMatchObject({ kind: 'ignore' });
    expect(repositoryKey('file:///srv/git/clients.git')).toBeNull();
  });

  it('with planning off, pull requests are acknowledged and ignored with the reason; bad payloads are 400', () => {
    const off = { ...on, planningOff: 'CLIENTSYNC_GITHUB_TOKEN is not set' };
    expect(decideWebhook('pull_request', 'application/json', body(opened), 'master', off)).toEqual({ kind: 'ignore', reason: 'pull request planning is off: CLIENTSYNC_GITHUB_TOKEN is not set' });
    const noSha = { ...opened, pull_request: { ...opened.pull_request, head: { ...opened.pull_request.head, sha: '../../etc' } } };
    expect(decideWebhook('pull_request', 'application/json', body(noSha), opened.pull_request.base.ref, on)).toMatchObject({ kind: 'bad-request', reason: expect.stringContaining('head sha') });
  });
});

describe('RecentDeliveries', () => {
  it('knows a repeated delivery id, and the same body under another id; forgets the oldest beyond its capacity', () => {
    const recent = new RecentDeliveries(2);
    const a = Buffer.from('{"a":1}');
    expect(recent.check('id-1', a)).toEqual({ kind: 'new' });
    recent.remember('id-1', a);
    expect(recent.check('id-1', Buffer.from('{"other":1}'))).toEqual({ kind: 'repeat', by: 'delivery id' });
    expect(recent.check('id-9', a)).toEqual({ kind: 'repeat', by: 'body' });
    recent.remember('id-2', Buffer.from('2'));
    recent.remember('id-3', Buffer.from('3'));
    expect(recent.check('id-1', a)).toEqual({ kind: 'new' });
    expect(recent.check('id-3', Buffer.from('x'))).toMatchObject({ kind: 'repeat' });
  });
});
