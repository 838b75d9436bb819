// The revision of the desired state, read from a real git repository.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleGit } from 'simple-git';
import { afterAll, describe, expect, it } from 'vitest';
import { gitRevision } from './git-revision.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('gitRevision (#12.16)', () => {
  it('is the commit when clientsync.yaml and clients/ are as committed, and <sha>+dirty when they are not', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'clientsync-revision-'));
    dirs.push(dir);
    const git = simpleGit({ baseDir: dir, config: ['user.name=t', 'user.email=t@example.invalid', 'commit.gpgsign=false'] });
    await git.init(['--initial-branch=main']);
    mkdirSync(join(dir, 'clients'));
    writeFileSync(join(dir, 'clientsync.yaml'), 'realm: r\n');
    writeFileSync(join(dir, 'clients', 'acme.yaml'), 'clients: []\n');
    writeFileSync(join(dir, 'README.md'), 'x\n');
    await git.add(['-A']);
    await git.commit('first');
    const sha = (await git.revparse(['HEAD'])).trim();
    expect(await gitRevision(dir)).toBe(sha);

    writeFileSync(join(dir, 'README.md'), 'edited: not part of the desired state\n');
    expect(await gitRevision(dir)).toBe(sha);

    writeFileSync(join(dir, 'clients', 'acme.yaml'), 'clients: [] # edited\n');
    expect(await gitRevision(dir)).toBe(`${sha}+dirty`);
    await git.raw(['checkout', '--', 'clients/acme.yaml']);
    expect(await gitRevision(dir)).toBe(sha);

    writeFileSync(join(dir, 'clients', 'beta.yaml'), 'clients: []\n'); // untracked
    expect(await gitRevision(dir)).toBe(`${sha}+dirty`);
    rmSync(join(dir, 'clients', 'beta.yaml'));

    writeFileSync(join(dir, 'clientsync.yaml'), 'realm: other\n');
    await git.add(['clientsync.yaml']); // staged but not committed
    expect(await gitRevision(dir)).toBe(`${sha}+dirty`);
  });
});
