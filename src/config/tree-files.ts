// A commit's tree, as `git ls-tree -r -l -z` lists it, → which blobs to read, then → the same
// RepositoryFiles the file-system reader makes, so a pull request's files go through exactly the
// validation a checkout does. Pure: the git adapter lists and reads; this decides.
//
// The rules mirror read-repository.ts for a working tree, and are stricter where a tree is
// hostile: a symbolic link (mode 120000) anywhere on the way (clientsync.yaml, clients, an
// account file) is a problem on that path and is never read, let alone followed; a submodule
// (160000) is not a regular file; a blob above MAX_FILE_BYTES is never read (its size comes from
// the tree listing) and gets the same "file is N bytes" problem as on disk.
import { MAX_FILE_BYTES } from './parse-yaml.js';
import type { MisplacedFile, RawFile, RepositoryFiles } from './repository-files.js';

export interface TreeEntry {
  /** Octal mode as git prints it: 100644, 100755, 120000 (symlink), 160000 (submodule), 040000. */
  readonly mode: string;
  readonly type: string;
  readonly oid: string;
  /** Blob size in bytes; null for trees and submodules ('-' in the listing). */
  readonly size: number | null;
  /** Repository-relative, `/`-separated. */
  readonly path: string;
}

export interface TreeListing {
  readonly settings: TreeEntry | null;
  readonly accounts: readonly TreeEntry[];
  readonly misplaced: readonly MisplacedFile[];
  /** Blobs to read: regular files within the size limit. */
  readonly toRead: readonly string[];
}

const SETTINGS_FILE = 'clientsync.yaml';
const CLIENTS = 'clients';
const SYMLINK = '120000';
const REGULAR = new Set(['100644', '100755']);

/** Parses `git ls-tree -r -l -z` output: `<mode> SP <type> SP <oid> SP+ <size> TAB <path> NUL`. */
export function parseLsTree(output: string): TreeEntry[] {
  const entries: TreeEntry[] = [];
  for (const record of output.split('\0')) {
    if (record === '') continue;
    const tab = record.indexOf('\t');
    const match = /^(\d{6}) (\w+) ([0-9a-f]{40,64}) +(-|\d+)$/.exec(tab < 0 ? '' : record.slice(0, tab));
    if (!match) throw new Error(`unexpected git ls-tree output: ${JSON.stringify(record.slice(0, 120))}`);
    entries.push({ mode: match[1]!, type: match[2]!, oid: match[3]!, size: match[4] === '-' ? null : Number(match[4]), path: record.slice(tab + 1) });
  }
  return entries;
}

function byPath<T extends { readonly file: string }>(a: T, b: T): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : 0;
}

/** Decides, from the listing alone, what a tree holds for clientsync and which blobs to read. */
export function listTree(entries: readonly TreeEntry[]): TreeListing {
  const misplaced: MisplacedFile[] = [];
  const accounts: TreeEntry[] = [];
  let settings: TreeEntry | null = null;
  const toRead = new Set<string>();
  const want = (entry: TreeEntry): void => {
    if (entry.size !== null && entry.size <= MAX_FILE_BYTES) toRead.add(entry.oid);
  };
  for (const entry of entries) {
    const { path } = entry;
    if (path === SETTINGS_FILE) {
      if (entry.mode === SYMLINK) misplaced.push({ file: path, message: 'symbolic links are not read; put the settings file itself in the repository' });
      else if (!REGULAR.has(entry.mode)) misplaced.push({ file: path, message: 'not a regular file' });
      else {
        settings = entry;
        want(entry);
      }
      continue;
    }
    if (path === 'clientsync.yml') {
      misplaced.push({ file: path, message: 'the settings file must be named clientsync.yaml (.yaml, not .yml); rename it' });
      continue;
    }
    if (path === CLIENTS) {
      // Listed as a blob or a commit: clients is a symbolic link, a file or a submodule.
      misplaced.push({ file: path, message: entry.mode === SYMLINK ? 'symbolic links are not read; clients must be a folder' : 'clients must be a folder holding one <accountId>.yaml file per account' });
      continue;
    }
    if (!path.startsWith(`${CLIENTS}/`)) continue;
    const rel = path.slice(CLIENTS.length + 1);
    const name = rel.slice(rel.lastIndexOf('/') + 1);
    if (!/\.ya?ml$/i.test(name)) continue; // README.md, .gitkeep, ...: not ours
    const account = name.replace(/\.ya?ml$/i, '');
    if (rel.includes('/')) {
      misplaced.push({ file: path, account, message: `account files live directly in clients/, not in sub-folders; move it to clients/${account}.yaml` });
    } else if (entry.mode === SYMLINK) {
      misplaced.push({ file: path, account, message: 'symbolic links are not read; put the account file itself in clients/' });
    } else if (!REGULAR.has(entry.mode)) {
      misplaced.push({ file: path, account, message: 'not a regular file' });
    } else if (!name.endsWith('.yaml')) {
      misplaced.push({ file: path, account, message: `account files end in .yaml; rename it to clients/${account}.yaml` });
    } else {
      accounts.push(entry);
      want(entry);
    }
  }
  accounts.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  misplaced.sort(byPath);
  return { settings, accounts, misplaced, toRead: [...toRead] };
}

function rawFile(entry: TreeEntry, blobs: ReadonlyMap<string, Uint8Array>): RawFile {
  const size = entry.size ?? 0;
  // Above the limit nothing was read: the size alone gives the "file is N bytes" problem.
  const bytes = size > MAX_FILE_BYTES ? new Uint8Array(0) : blobs.get(entry.oid);
  if (bytes === undefined) throw new Error(`blob ${entry.oid} of ${entry.path} was not read`);
  return { file: entry.path, bytes, size };
}

/** The files of a listing, given the blobs it asked for. */
export function filesFromTree(listing: TreeListing, blobs: ReadonlyMap<string, Uint8Array>): RepositoryFiles {
  return {
    settings: listing.settings === null ? null : rawFile(listing.settings, blobs),
    accounts: listing.accounts.map((entry) => rawFile(entry, blobs)),
    misplaced: listing.misplaced,
  };
}

/** Paths and blob ids of what clientsync reads, to tell whether two trees differ for it. */
export function clientsyncFingerprint(entries: readonly TreeEntry[]): string {
  return entries
    .filter((e) => e.path === SETTINGS_FILE || e.path === 'clientsync.yml' || e.path === CLIENTS || e.path.startsWith(`${CLIENTS}/`))
    .map((e) => `${e.mode} ${e.oid} ${e.path}`)
    .sort()
    .join('\n');
}
