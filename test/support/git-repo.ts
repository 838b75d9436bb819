// A temporary git repository holding a clientsync desired state, for CLI and daemon tests.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { simpleGit, type SimpleGit } from 'simple-git';
import { tempRepo } from './temp-repo.js';

export interface GitRepo {
  readonly dir: string;
  readonly git: SimpleGit;
  /** Writes files (null deletes), commits them, and returns the new commit's sha. */
  commit(files: Record<string, string | null>, message?: string): Promise<string>;
}

export async function gitRepo(files: Record<string, string | null>, settings?: string): Promise<GitRepo> {
  const dir = tempRepo(settings === undefined ? {} : { 'clientsync.yaml': settings });
  const git = simpleGit({ baseDir: dir, config: ['user.name=clientsync tests', 'user.email=tests@clientsync.invalid', 'commit.gpgsign=false'] });
  await git.init(['--initial-branch=main']);
  const repo: GitRepo = {
    dir,
    git,
    async commit(changes, message = 'change clients') {
      for (const [path, content] of Object.entries(changes)) {
        const full = join(dir, path);
        if (content === null) rmSync(full, { force: true });
        else {
          mkdirSync(dirname(full), { recursive: true });
          writeFileSync(full, content);
        }
      }
      await git.add(['-A']);
      await git.commit(message, undefined, { '--allow-empty': null });
      return (await git.revparse(['HEAD'])).trim();
    },
  };
  await repo.commit(files, 'initial');
  return repo;
}
