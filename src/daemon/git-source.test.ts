// The git source against real git: file:// repositories made on the fly, and a small HTTP
// server that records what git sends (to prove where the token goes, and where it does not).
import { createServer, type IncomingHttpHeaders } from 'node:http';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleGit } from 'simple-git';
import { afterAll, describe, expect, it } from 'vitest';
import { UsageError } from '../model/errors.js';
import { branchProblem, DirSource, displayUrl, GitSource, GitSourceError, gitUrlProblem } from './git-source.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function temp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'clientsync-git-source-'));
  dirs.push(dir);
  return dir;
}

async function origin() {
  const dir = temp();
  const git = simpleGit({ baseDir: dir, config: ['user.name=t', 'user.email=t@example.invalid', 'commit.gpgsign=false'] });
  await git.init(['--initial-branch=main']);
  const commit = async (files: Record<string, string | null>, message = 'change') => {
    for (const [path, content] of Object.entries(files)) {
      const full = join(dir, path);
      if (content === null) rmSync(full, { force: true });
      else {
        mkdirSync(join(full, '..'), { recursive: true });
        writeFileSync(full, content);
      }
    }
    await git.add(['-A']);
    await git.commit(message, undefined, { '--allow-empty': null });
    return (await git.revparse(['HEAD'])).trim();
  };
  return { dir, git, commit, url: `file://${dir}` };
}

const signal = () => new AbortController().signal;

describe('GitSource', () => {
  it('clones, then follows the branch head: new commits, deleted files, rewritten history; local edits never survive', async () => {
    const repo = await origin();
    const first = await repo.commit({ 'clientsync.yaml': 'realm: a\n', 'clients/a.yaml': 'clients: []\n' });
    const source = new GitSource({ url: repo.url, branch: 'main', workDir: temp() });
    const one = await source.checkout(signal());
    expect(one.revision).toBe(first);
    expect(readFileSync(join(one.dir, 'clientsync.yaml'), 'utf8')).toBe('realm: a\n');

    writeFileSync(join(one.dir, 'clientsync.yaml'), 'tampered\n');
    writeFileSync(join(one.dir, 'stray.yaml'), 'x\n');
    const second = await repo.commit({ 'clients/a.yaml': null, 'clients/b.yaml': 'clients: []\n' });
    const two = await source.checkout(signal());
    expect(two).toEqual({ dir: one.dir, revision: second });
    expect(readFileSync(join(two.dir, 'clientsync.yaml'), 'utf8')).toBe('realm: a\n');
    expect(existsSync(join(two.dir, 'stray.yaml'))).toBe(false);
    expect(existsSync(join(two.dir, 'clients/a.yaml'))).toBe(false);
    expect(existsSync(join(two.dir, 'clients/b.yaml'))).toBe(true);

    await repo.git.raw(['reset', '--hard', first]); // a force-push back in time
    const rewritten = await repo.commit({ 'clientsync.yaml': 'realm: rewritten\n' });
    const three = await source.checkout(signal());
    expect(three.revision).toBe(rewritten);
    expect(readFileSync(join(three.dir, 'clientsync.yaml'), 'utf8')).toBe('realm: rewritten\n');
  });

  it('re-clones when the checkout folder is broken, and follows a changed URL', async () => {
    const a = await origin();
    await a.commit({ 'clientsync.yaml': 'realm: a\n' });
    const b = await origin();
    const bHead = await b.commit({ 'clientsync.yaml': 'realm: b\n' });
    const workDir = temp();
    const dir = (await new GitSource({ url: a.url, branch: 'main', workDir }).checkout(signal())).dir;
    writeFileSync(join(workDir, 'keep-me'), 'not ours');
    expect((await new GitSource({ url: b.url, branch: 'main', workDir }).checkout(signal())).revision).toBe(bHead);
    rmSync(join(dir, '.git', 'HEAD'));
    expect((await new GitSource({ url: b.url, branch: 'main', workDir }).checkout(signal())).revision).toBe(bHead);
    expect(readFileSync(join(workDir, 'keep-me'), 'utf8')).toBe('not ours');
  });

  it('refuses a checkout folder it did not make: nothing in it is changed, and the message says which folder and why (#12.2)', async () => {
    const repo = await origin();
    await repo.commit({ 'clientsync.yaml': 'realm: a\n' });
    const other = await origin();
    await other.commit({ 'clientsync.yaml': 'realm: other\n' });
    const workDir = temp();
    const checkout = join(workDir, 'checkout');
    // Someone's own clone of another repository, with an untracked file.
    await simpleGit().clone(other.url, checkout);
    writeFileSync(join(checkout, 'notes.txt'), 'precious\n');
    const source = new GitSource({ url: repo.url, branch: 'main', workDir });
    const error = await source.checkout(signal()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitSourceError);
    expect((error as GitSourceError).retryable).toBe(false);
    expect((error as Error).message).toContain(checkout);
    expect((error as Error).message).toMatch(/not made by clientsync/);
    expect(source.checkoutProblem()).toContain(checkout);
    expect(readFileSync(join(checkout, 'notes.txt'), 'utf8')).toBe('precious\n');
    expect((await simpleGit(checkout).raw(['remote', 'get-url', 'origin'])).trim()).toBe(other.url);

    // A plain folder with files in it is not taken over either; an empty one is.
    const plainWork = temp();
    mkdirSync(join(plainWork, 'checkout'));
    writeFileSync(join(plainWork, 'checkout', 'data'), 'x');
    await expect(new GitSource({ url: repo.url, branch: 'main', workDir: plainWork }).checkout(signal())).rejects.toThrow(/not made by clientsync/);
    expect(readFileSync(join(plainWork, 'checkout', 'data'), 'utf8')).toBe('x');
    const emptyWork = temp();
    mkdirSync(join(emptyWork, 'checkout'));
    const empty = new GitSource({ url: repo.url, branch: 'main', workDir: emptyWork });
    expect(empty.checkoutProblem()).toBeNull();
    expect((await empty.checkout(signal())).revision).not.toBeNull();
    expect(empty.checkoutProblem()).toBeNull();
  });

  it('passes git only an allowlist of the environment: no Keycloak, webhook or other secret (#12.4)', async () => {
    const repo = await origin();
    await repo.commit({ 'clientsync.yaml': 'realm: a\n' });
    // A git on PATH that records its environment, then runs the real git.
    const bin = temp();
    const dump = join(bin, 'env.txt');
    const realGit = (process.env['PATH'] ?? '').split(':').map((p) => join(p, 'git')).find((p) => existsSync(p)) ?? '/usr/bin/git';
    writeFileSync(join(bin, 'git'), `#!/bin/sh\nenv >> '${dump}'\nexec '${realGit}' "$@"\n`, { mode: 0o755 });
    const env = {
      PATH: `${bin}:${process.env['PATH'] ?? ''}`,
      HOME: process.env['HOME'],
      HTTPS_PROXY: 'http://proxy.example:3128',
      KEYCLOAK_CLIENT_SECRET: 'kc-secret-value',
      KEYCLOAK_PASSWORD: 'kc-password-value',
      CLIENTSYNC_WEBHOOK_SECRET: 'webhook-secret-value',
      CLIENTSYNC_STATUS_TOKEN: 'status-token-value',
      AWS_SECRET_ACCESS_KEY: 'aws-value',
      NODE_OPTIONS: '--require /tmp/evil.js',
    };
    await new GitSource({ url: repo.url, branch: 'main', workDir: temp(), env }).checkout(signal());
    const seen = readFileSync(dump, 'utf8');
    for (const value of ['kc-secret-value', 'kc-password-value', 'webhook-secret-value', 'status-token-value', 'aws-value', 'evil.js']) expect(seen).not.toContain(value);
    expect(seen).toContain('HTTPS_PROXY=http://proxy.example:3128');
    expect(seen).toContain(`HOME=${process.env['HOME']}`);
  });

  it('an unknown branch or an unreachable repository is a GitSourceError saying so', async () => {
    const repo = await origin();
    await repo.commit({ 'clientsync.yaml': 'realm: a\n' });
    const missingBranch = new GitSource({ url: repo.url, branch: 'nope', workDir: temp() }).checkout(signal());
    await expect(missingBranch).rejects.toBeInstanceOf(GitSourceError);
    await expect(missingBranch).rejects.toThrow(/branch nope.*nope/);
    await expect(new GitSource({ url: `file://${temp()}/missing`, branch: 'main', workDir: temp() }).checkout(signal())).rejects.toBeInstanceOf(GitSourceError);
  });

  it('stops when the run is aborted', async () => {
    const repo = await origin();
    await repo.commit({ 'clientsync.yaml': 'realm: a\n' });
    const controller = new AbortController();
    const reason = new Error('time limit');
    controller.abort(reason);
    await expect(new GitSource({ url: repo.url, branch: 'main', workDir: temp() }).checkout(controller.signal)).rejects.toBe(reason);
  });

  it('sends CLIENTSYNC_GIT_TOKEN as a Basic header only: never in the URL, .git/config or an error message', async () => {
    const token = 'ghs_tokenValue1234567890';
    const seen: IncomingHttpHeaders[] = [];
    const urls: string[] = [];
    const server = createServer((req, res) => {
      seen.push(req.headers);
      urls.push(req.url ?? '');
      res.statusCode = 403;
      res.end('denied');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const workDir = temp();
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/owner/repo.git`;
      const source = new GitSource({ url, branch: 'main', workDir, token, env: { PATH: process.env['PATH'], HOME: process.env['HOME'], GIT_ASKPASS: '/bin/false', EDITOR: 'vi' } });
      const error = await source.checkout(signal()).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(GitSourceError);
      expect((error as Error).message).not.toContain(token);
      expect(seen.length).toBeGreaterThan(0);
      const expected = `Basic ${Buffer.from(`x-access-token:${token}`).toString('base64')}`;
      expect(seen.every((h) => h.authorization === expected)).toBe(true);
      expect(urls.join(' ')).not.toContain(token);
      const config = join(workDir, 'checkout', '.git', 'config');
      if (existsSync(config)) expect(readFileSync(config, 'utf8')).not.toContain(token);
      expect(JSON.stringify(source.description)).not.toContain(token);
    } finally {
      server.close();
    }
  });

  it('checks URLs, branches and where a token may be sent', () => {
    expect(gitUrlProblem('https://github.com/o/r.git', true)).toBeNull();
    expect(gitUrlProblem('git@github.com:o/r.git', false)).toBeNull();
    expect(gitUrlProblem('git@github.com:o/r.git', true)).toMatch(/https:\/\/ URLs only/);
    expect(gitUrlProblem('https://user:pw@github.com/o/r.git', false)).toMatch(/CLIENTSYNC_GIT_TOKEN/);
    expect(gitUrlProblem('http://git.example.com/o/r.git', true)).toMatch(/only over https/);
    expect(gitUrlProblem('http://localhost:3000/o/r.git', true)).toBeNull();
    expect(gitUrlProblem('ext::sh -c touch% /tmp/pwned', false)).not.toBeNull();
    expect(gitUrlProblem('not a url', false)).toMatch(/not a git URL/);
    expect(branchProblem('main')).toBeNull();
    expect(branchProblem('release/2026')).toBeNull();
    for (const bad of ['-upload-pack=x', 'a..b', 'a b', '', 'x.lock', 'a//b']) expect(branchProblem(bad)).not.toBeNull();
    expect(() => new GitSource({ url: 'https://u:p@h/r.git', branch: 'main', workDir: temp() })).toThrow(UsageError);
    expect(displayUrl('https://user@github.com/o/r.git')).toBe('https://github.com/o/r.git');
  });
});

describe('DirSource', () => {
  it('reads the folder as it is; revision from git when it is a repository, else null', async () => {
    const repo = await origin();
    const head = await repo.commit({ 'clientsync.yaml': 'realm: a\n' });
    expect(await new DirSource(repo.dir).checkout()).toEqual({ dir: repo.dir, revision: head });
    const plain = temp();
    expect(await new DirSource(plain).checkout()).toEqual({ dir: plain, revision: null });
  });
});
