// The GitHub reporter over real HTTP against the OpenAPI-checked stand-in: a token identity and
// a GitHub App identity, the comment found by marker and author, retries, GitHub's limits.
import { generateKeyPairSync } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryLogger } from '../support/daemon-helpers.js';
import type { ApiResult } from '../../src/github/github-client.js';
import { fitDescription, PLAN_CONTEXT } from '../../src/github/plan-report.js';
import { GitHubReporter } from '../../src/github/reporter.js';
import { PLAN_COMMENT_MARKER } from '../../src/plan/render-markdown.js';
import { startGitHubStandIn, type GitHubStandIn } from '../support/github-stand-in.js';

const TOKEN = 'github_pat_standin_token_0123456789';
const repo = { owner: 'example', name: 'clients' };
const target = { repository: repo, installationId: null };
let standIn: GitHubStandIn | null = null;
afterEach(async () => {
  // Every request any test made fitted GitHub's description.
  const violations = standIn?.violations ?? [];
  await standIn?.close();
  standIn = null;
  expect(violations).toEqual([]);
});

describe('GitHubReporter (token)', () => {
  it('creates the plan comment once, then edits it; never touches a marked comment by someone else', async () => {
    standIn = await startGitHubStandIn({ token: TOKEN, login: 'clientsync-bot' });
    const results: ApiResult[] = [];
    const reporter = new GitHubReporter({ apiUrl: standIn.url, identity: { kind: 'token', token: TOKEN } }, { logger: new MemoryLogger(), version: 'test', onResult: (r) => results.push(r) });
    const other = standIn.addComment('example', 'clients', 7, 'mallory', `${PLAN_COMMENT_MARKER}\nfake plan`);
    expect(await reporter.upsertComment(target, 7, `${PLAN_COMMENT_MARKER}\nfirst`, true)).toBe('created');
    expect(await reporter.upsertComment(target, 7, `${PLAN_COMMENT_MARKER}\nsecond`, true)).toBe('updated');
    expect(await reporter.upsertComment(target, 7, `${PLAN_COMMENT_MARKER}\nsecond`, true)).toBe('unchanged');
    expect(await reporter.upsertComment(target, 8, `${PLAN_COMMENT_MARKER}\nno changes`, false)).toBe('none');
    const comments = standIn.comments('example', 'clients', 7);
    expect(comments.map((c) => [c.login, c.body])).toEqual([
      ['mallory', `${PLAN_COMMENT_MARKER}\nfake plan`],
      ['clientsync-bot', `${PLAN_COMMENT_MARKER}\nsecond`],
    ]);
    expect(comments[0]!.id).toBe(other.id);
    expect(standIn.comments('example', 'clients', 8)).toEqual([]);
    expect(results.every((r) => r === 'success')).toBe(true);
  });

  it('sets statuses within 140 characters; a 5xx is retried', async () => {
    standIn = await startGitHubStandIn({ token: TOKEN });
    const results: ApiResult[] = [];
    const reporter = new GitHubReporter({ apiUrl: standIn.url, identity: { kind: 'token', token: TOKEN } }, { logger: new MemoryLogger(), version: 'test', onResult: (r) => results.push(r) });
    standIn.failNext('POST /repos/{owner}/{repo}/statuses/{sha}', 502);
    await reporter.setStatus(target, 'a'.repeat(40), PLAN_CONTEXT, { state: 'success', description: fitDescription('x'.repeat(500)) });
    expect(standIn.statuses('example', 'clients')).toEqual([expect.objectContaining({ sha: 'a'.repeat(40), state: 'success', context: 'clientsync/plan' })]);
    expect(standIn.statuses('example', 'clients')[0]!.description).toHaveLength(140);
    expect(results).toEqual(['server-error', 'success']);
  });

  it('a wrong token is refused by GitHub and reported as an error, not retried forever', async () => {
    standIn = await startGitHubStandIn({ token: TOKEN });
    const reporter = new GitHubReporter({ apiUrl: standIn.url, identity: { kind: 'token', token: 'wrong-token-value' } }, { logger: new MemoryLogger(), version: 'test' });
    await expect(reporter.setStatus(target, 'b'.repeat(40), PLAN_CONTEXT, { state: 'pending', description: 'x' })).rejects.toMatchObject({ status: 401 });
    expect(standIn.requests).toEqual(['POST /repos/{owner}/{repo}/statuses/{sha} -> 401']);
  });
});

describe('GitHubReporter (GitHub App)', () => {
  it('finds the installation, takes an installation token, and comments as <slug>[bot]', async () => {
    standIn = await startGitHubStandIn({ app: { id: 321, slug: 'clientsync-app', installationId: 654 } });
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
    const reporter = new GitHubReporter({ apiUrl: standIn.url, identity: { kind: 'app', appId: '321', privateKey, installationId: null } }, { logger: new MemoryLogger(), version: 'test' });
    expect(await reporter.upsertComment(target, 3, `${PLAN_COMMENT_MARKER}\nplan`, true)).toBe('created');
    expect(await reporter.upsertComment({ ...target, installationId: 654 }, 3, `${PLAN_COMMENT_MARKER}\nplan 2`, true)).toBe('updated');
    expect(standIn.comments('example', 'clients', 3).map((c) => c.login)).toEqual(['clientsync-app[bot]']);
    expect(standIn.requests).toContain('GET /repos/{owner}/{repo}/installation -> 200');
    expect(standIn.requests).toContain('POST /app/installations/{installation_id}/access_tokens -> 201');
    expect(standIn.seen.join('\n')).not.toContain('PRIVATE KEY');
  });
});

describe('the stand-in itself', () => {
  it('records a request the description does not allow and answers it 4xx', async () => {
    standIn = await startGitHubStandIn({ token: TOKEN });
    const bad = await fetch(`${standIn.url}/repos/example/clients/statuses/${'c'.repeat(40)}`, { method: 'POST', headers: { authorization: `token ${TOKEN}` }, body: JSON.stringify({ state: 'bogus' }) });
    const unknown = await fetch(`${standIn.url}/repos/example/clients/issues/1/comments?color=red`, { headers: { authorization: `token ${TOKEN}` } });
    const nowhere = await fetch(`${standIn.url}/no/such/endpoint`);
    expect([bad.status, unknown.status, nowhere.status]).toEqual([400, 400, 404]);
    expect(standIn.violations).toEqual([expect.stringContaining('does not fit the request schema'), expect.stringContaining('query parameter color'), expect.stringContaining('no operation')]);
    standIn.violations.length = 0; // seen: this test is about them
  });
});
