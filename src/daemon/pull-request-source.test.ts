// The pull request reader against real git: a bare remote with refs/pull/N/head, pull requests
// that try to make the daemon run or follow something.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pullRequestRemote } from '../../test/support/pull-request-remote.js';
import { validateRepository } from '../config/validate-repository.js';
import { MAX_FILE_BYTES } from '../config/parse-yaml.js';
import { PullRequestSource, PullRequestSourceError } from './pull-request-source.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function temp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'clientsync-pr-source-'));
  dirs.push(dir);
  return dir;
}

const SETTINGS = 'realm: insights\nscopes:\n  datahub-api: Query.\n';
const ACME = 'clients:\n  - clientId: acme_a\n    capabilities: [Script]\n    scopes: [datahub-api]\n';
const signal = new AbortController().signal;

describe('PullRequestSource', () => {
  it('reads the head of refs/pull/N/head as data and tells whether it changes client files', async () => {
    const remote = await pullRequestRemote({ 'clientsync.yaml': SETTINGS, 'clients/acme.yaml': ACME });
    const source = new PullRequestSource({ url: remote.url, branch: 'main', workDir: temp() });
    const sha = await remote.pushPullRequest(7, { 'clients/beta.yaml': ACME.replace('acme_a', 'beta_b') });
    const head = await source.read(7, signal);
    expect(head.sha).toBe(sha);
    expect(head.changesClientFiles).toBe(true);
    expect(head.files.accounts.map((a) => a.file)).toEqual(['clients/acme.yaml', 'clients/beta.yaml']);
    expect(new TextDecoder().decode(head.files.settings?.bytes)).toBe(SETTINGS);

    const docs = await remote.pushPullRequest(8, { 'README.md': 'docs only' });
    expect(await source.read(8, signal)).toMatchObject({ sha: docs, changesClientFiles: false });

    // A new head of the same pull request is fetched over the old one (a force-push too).
    const newer = await remote.pushPullRequest(7, { 'clients/beta.yaml': null }, { onTopOfPrevious: true });
    expect(await source.read(7, signal)).toMatchObject({ sha: newer });
  });

  it('runs nothing of a hostile pull request, uses none of its schemas, follows no symbolic link and reads no oversized file', async () => {
    const outside = temp();
    const target = join(outside, 'secret.yaml');
    writeFileSync(target, 'clients:\n  - clientId: evil_x\n    capabilities: [Script]\n');
    const marker = join(outside, 'ran');
    const remote = await pullRequestRemote({ 'clientsync.yaml': SETTINGS, 'clients/acme.yaml': ACME });
    await remote.pushPullRequest(3, {
      'package.json': JSON.stringify({ name: 'x', scripts: { prepare: `touch ${marker}`, postinstall: `touch ${marker}` } }),
      '.gitattributes': '*.yaml filter=evil diff=evil\n',
      'schemas/account.schema.json': '{"type": "object"}',
      'clients/evil.yaml': { symlink: target },
      'clients/huge.yaml': `# ${'x'.repeat(MAX_FILE_BYTES + 1)}\n`,
      'clients/acme.yaml': ACME.replace('capabilities: [Script]', 'capabilities: [Script]\n    unknownField: 1'),
    });
    const workDir = temp();
    const head = await new PullRequestSource({ url: remote.url, branch: 'main', workDir }).read(3, signal);
    expect(existsSync(marker)).toBe(false);
    const result = validateRepository(head.files, new Date('2026-01-01T00:00:00Z'));
    const byFile = (file: string) => result.problems.filter((p) => p.file === file).map((p) => `${p.rule}: ${p.message}`);
    expect(byFile('clients/evil.yaml')).toEqual([expect.stringContaining('symbolic links are not read')]);
    expect(byFile('clients/huge.yaml')).toEqual([expect.stringContaining(`the limit is ${MAX_FILE_BYTES} bytes`)]);
    // The daemon's own schema still refuses the unknown field the pull request's schema allows.
    expect(byFile('clients/acme.yaml')).toEqual([expect.stringMatching(/^schema: .*unknownField/)]);
    expect(JSON.stringify(result)).not.toContain('evil_x');
    expect(existsSync(join(workDir, 'pull-requests.git', 'clients'))).toBe(false); // no work tree anywhere
  });

  it("never takes over a folder it did not make at <work-dir>/pull-requests.git", async () => {
    const remote = await pullRequestRemote({ 'clientsync.yaml': SETTINGS });
    await remote.pushPullRequest(1, { 'clients/acme.yaml': ACME });
    const workDir = temp();
    mkdirSync(join(workDir, 'pull-requests.git'));
    writeFileSync(join(workDir, 'pull-requests.git', 'precious.txt'), 'keep me');
    const source = new PullRequestSource({ url: remote.url, branch: 'main', workDir });
    await expect(source.read(1, signal)).rejects.toThrow(/pull-requests\.git exists and was not made by clientsync/);
    expect(readFileSync(join(workDir, 'pull-requests.git', 'precious.txt'), 'utf8')).toBe('keep me');
    // An empty folder (or one it made) is used.
    rmSync(join(workDir, 'pull-requests.git', 'precious.txt'));
    expect((await source.read(1, signal)).files.accounts).toHaveLength(1);
  });

  it('a missing pull request ref or an unreachable remote is a PullRequestSourceError saying so', async () => {
    const remote = await pullRequestRemote({ 'clientsync.yaml': SETTINGS });
    const source = new PullRequestSource({ url: remote.url, branch: 'main', workDir: temp() });
    await expect(source.read(99, signal)).rejects.toThrow(PullRequestSourceError);
    await expect(source.read(99, signal)).rejects.toThrow(/pull request #99/);
    const gone = new PullRequestSource({ url: 'file:///nonexistent/clientsync-remote', branch: 'main', workDir: temp() });
    await expect(gone.read(1, signal)).rejects.toThrow(PullRequestSourceError);
  });

  it('git sees no secret from the environment: only the allowlist, and a token only as a header setting', async () => {
    const remote = await pullRequestRemote({ 'clientsync.yaml': SETTINGS });
    await remote.pushPullRequest(1, { 'clients/acme.yaml': ACME });
    // A `git` first on PATH that writes its environment down, then runs the real git.
    const bin = temp();
    const dump = join(temp(), 'env');
    const realGit = execFileSync('sh', ['-c', 'command -v git']).toString().trim();
    writeFileSync(join(bin, 'git'), `#!/bin/sh\nenv >> '${dump}'\nexec '${realGit}' "$@"\n`, { mode: 0o755 });
    const source = new PullRequestSource({
      url: remote.url,
      branch: 'main',
      workDir: temp(),
      token: 'git-token-value-789',
      env: { PATH: `${bin}:${process.env['PATH'] ?? ''}`, HOME: process.env['HOME'], KEYCLOAK_CLIENT_SECRET: 'kc-secret-value-123', CLIENTSYNC_WEBHOOK_SECRET: 'hook-secret-456', GIT_DIR: '/elsewhere' },
    });
    // A file:// remote gets no header; the token is configured for the remote's origin only.
    await source.read(1, signal).catch(() => undefined);
    const seen = readFileSync(dump, 'utf8');
    expect(seen).toContain('GIT_TERMINAL_PROMPT=0');
    expect(seen).not.toContain('kc-secret-value-123');
    expect(seen).not.toContain('hook-secret-456');
    expect(seen).not.toContain('git-token-value-789'); // base64 inside the header value only
    expect(seen).not.toContain('GIT_DIR=/elsewhere');
  });
});
