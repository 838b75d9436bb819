// A git remote laid out like a GitHub repository with pull requests: a bare repository with
// `main` and `refs/pull/<N>/head` refs, pushed from a work clone. Pull request commits may hold
// symbolic links and any bytes, as a hostile one would. Removed after the test file.
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { simpleGit, type SimpleGit } from 'simple-git';
import { tempRepo } from './temp-repo.js';

/** A file's content, a symbolic link to `target`, or null to delete it. */
export type FileSpec = string | Uint8Array | { readonly symlink: string } | null;

export interface PullRequestRemote {
  /** file:// URL of the bare repository. */
  readonly url: string;
  readonly bareDir: string;
  /** Commits `files` on main (on top of its head) and pushes; returns the sha. */
  pushMain(files: Record<string, FileSpec>, message?: string): Promise<string>;
  /** Commits `files` on top of main's head (or the pull request's earlier head) as refs/pull/N/head. */
  pushPullRequest(number: number, files: Record<string, FileSpec>, options?: { onTopOfPrevious?: boolean; message?: string }): Promise<string>;
}

const IDENTITY = ['user.name=clientsync tests', 'user.email=tests@clientsync.invalid', 'commit.gpgsign=false'];

function write(dir: string, files: Record<string, FileSpec>): void {
  for (const [path, spec] of Object.entries(files)) {
    const full = join(dir, path);
    rmSync(full, { force: true, recursive: true });
    if (spec === null) continue;
    mkdirSync(dirname(full), { recursive: true });
    if (typeof spec === 'object' && 'symlink' in spec) symlinkSync(spec.symlink, full);
    else writeFileSync(full, spec);
  }
}

export async function pullRequestRemote(files: Record<string, FileSpec>): Promise<PullRequestRemote> {
  const bareDir = tempRepo({ 'clientsync.yaml': null });
  const workDir = tempRepo({ 'clientsync.yaml': null });
  const bare = simpleGit({ baseDir: bareDir });
  await bare.raw(['init', '--bare', '--quiet', '--initial-branch=main', '.']);
  const url = `file://${bareDir}`;
  const git: SimpleGit = simpleGit({ baseDir: workDir, config: IDENTITY });
  await git.init(['--initial-branch=main']);
  await git.addRemote('origin', url);
  const commit = async (changes: Record<string, FileSpec>, message: string): Promise<string> => {
    write(workDir, changes);
    await git.add(['-A']);
    await git.commit(message, undefined, { '--allow-empty': null });
    return (await git.revparse(['HEAD'])).trim();
  };
  await commit(files, 'initial');
  await git.push('origin', 'HEAD:refs/heads/main');
  return {
    url,
    bareDir,
    async pushMain(changes, message = 'change on main') {
      await git.raw(['fetch', '--quiet', 'origin', '+refs/heads/*:refs/remotes/origin/*']);
      await git.raw(['checkout', '--quiet', '-B', 'main', 'origin/main']);
      const sha = await commit(changes, message);
      await git.push('origin', 'HEAD:refs/heads/main');
      return sha;
    },
    async pushPullRequest(number, changes, options = {}) {
      await git.raw(['fetch', '--quiet', 'origin', '+refs/heads/*:refs/remotes/origin/*', '+refs/pull/*:refs/remotes/origin/pull/*']);
      const start = options.onTopOfPrevious === true ? `origin/pull/${number}/head` : 'origin/main';
      await git.raw(['checkout', '--quiet', '-B', `pr-${number}`, start]);
      const sha = await commit(changes, options.message ?? `pull request #${number}`);
      await git.raw(['push', '--quiet', '--force', 'origin', `HEAD:refs/pull/${number}/head`]);
      return sha;
    },
  };
}
