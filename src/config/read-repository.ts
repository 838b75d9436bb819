// File-system adapter: reads clientsync.yaml and clients/ into RepositoryFiles. The only part
// of src/config that does I/O. Large files are read only up to the size limit.
import { open, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { MAX_FILE_BYTES } from './parse-yaml.js';
import type { MisplacedFile, RawFile, RepositoryFiles } from './repository-files.js';

export const CLIENTS_DIR = 'clients';
/** Files read at once: enough to hide latency, few enough to stay far below file-handle limits. */
const READ_BATCH = 64;

async function readLimited(path: string, file: string): Promise<RawFile> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const length = Math.min(size, MAX_FILE_BYTES + 1);
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, 0);
    return { file, bytes: buffer.subarray(0, bytesRead), size };
  } finally {
    await handle.close();
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

export async function readRepository(dir: string): Promise<RepositoryFiles> {
  const misplaced: MisplacedFile[] = [];
  const settingsPath = join(dir, 'clientsync.yaml');
  let settings: RawFile | null = null;
  if (await exists(settingsPath)) settings = await readLimited(settingsPath, 'clientsync.yaml');
  else if (await exists(join(dir, 'clientsync.yml'))) {
    misplaced.push({ file: 'clientsync.yml', message: 'the settings file must be named clientsync.yaml (.yaml, not .yml); rename it' });
  }

  const accounts: RawFile[] = [];
  const clientsPath = join(dir, CLIENTS_DIR);
  let entries;
  try {
    entries = await readdir(clientsPath, { withFileTypes: true, recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { settings, accounts, misplaced };
    if (code === 'ENOTDIR') {
      misplaced.push({ file: CLIENTS_DIR, message: 'clients must be a folder holding one <accountId>.yaml file per account' });
      return { settings, accounts, misplaced };
    }
    throw error;
  }
  const pending: { path: string; file: string }[] = [];
  for (const entry of entries) {
    const parent = (entry as { parentPath?: string; path?: string }).parentPath ?? (entry as { path?: string }).path ?? clientsPath;
    const rel = join(parent, entry.name).slice(clientsPath.length + 1).split('\\').join('/');
    const file = `${CLIENTS_DIR}/${rel}`;
    const nested = rel.includes('/');
    const yamlLike = /\.ya?ml$/i.test(entry.name);
    if (!yamlLike) continue; // README.md, .gitkeep, ...: not ours
    if (nested) {
      misplaced.push({
        file,
        message: `account files live directly in clients/, not in sub-folders; move it to clients/${entry.name.replace(/\.ya?ml$/i, '.yaml')}`,
      });
    } else if (entry.isSymbolicLink()) {
      misplaced.push({ file, message: 'symbolic links are not read; put the account file itself in clients/' });
    } else if (!entry.isFile()) {
      misplaced.push({ file, message: 'not a regular file' });
    } else if (!entry.name.endsWith('.yaml')) {
      misplaced.push({ file, message: `account files end in .yaml; rename it to clients/${entry.name.replace(/\.ya?ml$/i, '.yaml')}` });
    } else {
      pending.push({ path: join(clientsPath, entry.name), file });
    }
  }
  // Many small files: read them a batch at a time rather than one after another.
  for (let i = 0; i < pending.length; i += READ_BATCH) {
    accounts.push(...(await Promise.all(pending.slice(i, i + READ_BATCH).map((p) => readLimited(p.path, p.file)))));
  }
  accounts.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  misplaced.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { settings, accounts, misplaced };
}
