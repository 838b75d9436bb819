// File-system adapter: reads clientsync.yaml and clients/ into RepositoryFiles. The only part
// of src/config that does I/O. Large files are read only up to the size limit.
//
// Reads are synchronous on purpose: an account file is a few hundred bytes, and each promise-
// based call is a round trip through libuv's thread pool (open, stat, read, close: four per
// file). For 1,000 files that took about 220 ms of wall and 250 ms of CPU; the synchronous
// calls take about 30 ms. Nothing else has to run meanwhile: validation, which follows, is
// synchronous as well.
//
// Symbolic links are never followed, at any level (clientsync.yaml, clients/, the files in
// it): a repository is data from its authors, and a link would make clientsync read or list
// whatever the link points at. Checked with lstat, and files are opened with O_NOFOLLOW.
import { closeSync, constants, fstatSync, lstatSync, openSync, readdirSync, readSync, type Dirent } from 'node:fs';
import { join } from 'node:path';
import { MAX_FILE_BYTES } from './parse-yaml.js';
import type { MisplacedFile, RawFile, RepositoryFiles } from './repository-files.js';

export const CLIENTS_DIR = 'clients';

/** What is in a repository before any file is read: which files to read, which are misplaced. */
export interface RepositoryListing {
  /** The path of clientsync.yaml, or null when missing. */
  readonly settingsPath: string | null;
  /** clients/*.yaml: absolute path and repository-relative name, sorted by name. */
  readonly accounts: readonly { readonly path: string; readonly file: string }[];
  /** Sorted by file. */
  readonly misplaced: readonly MisplacedFile[];
}

function readLimited(path: string, file: string): RawFile {
  // O_NOFOLLOW: a link swapped in after the listing is refused too (ELOOP), not followed.
  const fd = openSync(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
  try {
    const { size } = fstatSync(fd);
    // Its own buffer per file (not Buffer's shared pool): a view of the pool would carry the
    // whole 8 KiB pool with it when the file is posted to a worker thread.
    const bytes = new Uint8Array(Math.min(size, MAX_FILE_BYTES + 1));
    let length = 0;
    while (length < bytes.length) {
      const n = readSync(fd, bytes, length, bytes.length - length, length);
      if (n === 0) break; // the file shrank since fstat
      length += n;
    }
    return { file, bytes: length === bytes.length ? bytes : bytes.subarray(0, length), size };
  } finally {
    closeSync(fd);
  }
}

/** What sits at `path`, without following a symbolic link. */
function kind(path: string): 'missing' | 'link' | 'file' | 'folder' | 'other' {
  const stat = lstatSync(path, { throwIfNoEntry: false });
  if (stat === undefined) return 'missing';
  return stat.isSymbolicLink() ? 'link' : stat.isFile() ? 'file' : stat.isDirectory() ? 'folder' : 'other';
}

function exists(path: string): boolean {
  return kind(path) !== 'missing';
}

function byFile<T extends { readonly file: string }>(a: T, b: T): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : 0;
}

const SETTINGS_FILE = 'clientsync.yaml';

/** DIR/clientsync.yaml alone (for commands that need only the settings), or null when missing. */
export function readSettingsFile(dir: string): RawFile | null {
  const path = join(dir, SETTINGS_FILE);
  return kind(path) === 'file' ? readLimited(path, SETTINGS_FILE) : null;
}

/**
 * Every entry under `root`, entering real sub-folders only. Not readdir's `recursive`, which
 * follows symbolic links to folders on Node 24 (seen: a link in clients/ listed its target).
 */
function walk(root: string): { entry: Dirent; parent: string }[] {
  const out: { entry: Dirent; parent: string }[] = [];
  const folders = [root];
  for (let folder = folders.pop(); folder !== undefined; folder = folders.pop()) {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      out.push({ entry, parent: folder });
      if (entry.isDirectory()) folders.push(join(folder, entry.name));
    }
  }
  return out;
}

/** Lists the repository at `dir` without reading any file (cheap: one directory listing). */
export function listRepository(dir: string): RepositoryListing {
  const misplaced: MisplacedFile[] = [];
  let settingsPath: string | null = join(dir, SETTINGS_FILE);
  const settingsKind = kind(settingsPath);
  if (settingsKind !== 'file') {
    settingsPath = null;
    if (settingsKind === 'link') {
      misplaced.push({ file: SETTINGS_FILE, message: 'clientsync.yaml is a symbolic link, which is not read; put the settings file itself there' });
    } else if (settingsKind !== 'missing') {
      misplaced.push({ file: SETTINGS_FILE, message: 'clientsync.yaml is not a regular file' });
    } else if (exists(join(dir, 'clientsync.yml'))) {
      misplaced.push({ file: 'clientsync.yml', message: 'the settings file must be named clientsync.yaml (.yaml, not .yml); rename it' });
    }
  }

  const accounts: { path: string; file: string }[] = [];
  const clientsPath = join(dir, CLIENTS_DIR);
  if (kind(clientsPath) === 'link') {
    // Not listed at all: listing it would walk wherever it points (/usr/share, a home folder).
    misplaced.push({ file: CLIENTS_DIR, message: 'clients is a symbolic link, which is not followed; make clients a folder holding one <accountId>.yaml file per account' });
    return { settingsPath, accounts, misplaced };
  }
  let entries: { readonly entry: Dirent; readonly parent: string }[];
  try {
    entries = walk(clientsPath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { settingsPath, accounts, misplaced };
    if (code === 'ENOTDIR') {
      misplaced.push({ file: CLIENTS_DIR, message: 'clients must be a folder holding one <accountId>.yaml file per account' });
      return { settingsPath, accounts, misplaced };
    }
    throw error;
  }
  for (const { entry, parent } of entries) {
    const rel = join(parent, entry.name).slice(clientsPath.length + 1).split('\\').join('/');
    const file = `${CLIENTS_DIR}/${rel}`;
    const nested = rel.includes('/');
    const yamlLike = /\.ya?ml$/i.test(entry.name);
    if (!yamlLike) continue; // README.md, .gitkeep, ...: not ours
    const account = entry.name.replace(/\.ya?ml$/i, '');
    if (nested) {
      misplaced.push({ file, account, message: `account files live directly in clients/, not in sub-folders; move it to clients/${account}.yaml` });
    } else if (entry.isSymbolicLink()) {
      misplaced.push({ file, account, message: 'symbolic links are not read; put the account file itself in clients/' });
    } else if (!entry.isFile()) {
      misplaced.push({ file, account, message: 'not a regular file' });
    } else if (!entry.name.endsWith('.yaml')) {
      misplaced.push({ file, account, message: `account files end in .yaml; rename it to clients/${account}.yaml` });
    } else {
      accounts.push({ path: join(clientsPath, entry.name), file });
    }
  }
  accounts.sort(byFile);
  misplaced.sort(byFile);
  return { settingsPath, accounts, misplaced };
}

/** Reads the files a listing names (each only up to the size limit). */
export function readListed(listing: RepositoryListing): RepositoryFiles {
  return {
    settings: listing.settingsPath === null ? null : readLimited(listing.settingsPath, SETTINGS_FILE),
    accounts: listing.accounts.map((a) => readLimited(a.path, a.file)),
    misplaced: listing.misplaced,
  };
}

// Async for its callers' sake (it used to read through promises); it no longer waits on anything.
export async function readRepository(dir: string): Promise<RepositoryFiles> {
  return readListed(listRepository(dir));
}
