// The git commit of the desired state, for plans and the clientsync.revision marker. Outside a
// git repository (or with git missing) there is none: null, never an error.
import { simpleGit } from 'simple-git';

export async function gitRevision(dir: string): Promise<string | null> {
  try {
    const git = simpleGit({ baseDir: dir, timeout: { block: 10_000 } });
    if (!(await git.checkIsRepo())) return null;
    const sha = (await git.revparse(['HEAD'])).trim();
    return /^[0-9a-f]{40,64}$/.test(sha) ? sha : null;
  } catch {
    return null;
  }
}
