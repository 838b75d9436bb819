// The git commit of the desired state, for plans and the clientsync.revision marker. Outside a
// git repository (or with git missing) there is none: null, never an error.
// With uncommitted edits (changed, staged or new files) in clientsync.yaml or clients/, what is
// read is not that commit: the revision is then `<sha>+dirty`, so neither the plan nor the
// marker written into Keycloak claims a commit it does not match. Edits elsewhere (a README)
// do not count: they are not part of the desired state.
import { simpleGit } from 'simple-git';

export const DIRTY_SUFFIX = '+dirty';

export async function gitRevision(dir: string): Promise<string | null> {
  try {
    const git = simpleGit({ baseDir: dir, timeout: { block: 10_000 } });
    if (!(await git.checkIsRepo())) return null;
    const sha = (await git.revparse(['HEAD'])).trim();
    if (!/^[0-9a-f]{40,64}$/.test(sha)) return null;
    // Pathspecs are relative to `dir`, which holds clientsync.yaml and clients/.
    const status = await git.raw(['status', '--porcelain', '--untracked-files=all', '--', 'clientsync.yaml', 'clients']);
    return status.trim() === '' ? sha : `${sha}${DIRTY_SUFFIX}`;
  } catch {
    return null;
  }
}
