import { describe, expect, it } from 'vitest';
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
