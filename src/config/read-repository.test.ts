// The file-system adapter against real folders: symbolic links are never followed, at any
// level (a repository is hostile data: a link could make it read /etc or /usr/share).
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listRepository, readRepository, readSettingsFile } from './read-repository.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function temp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'clientsync-read-repo-'));
  dirs.push(dir);
  return dir;
}

describe('symbolic links (#12.3)', () => {
  it('a symlinked clients/ is refused without listing what it points at', async () => {
    const elsewhere = temp();
    writeFileSync(join(elsewhere, 'victim.yaml'), 'clients: []\n');
    mkdirSync(join(elsewhere, 'deep'));
    writeFileSync(join(elsewhere, 'deep', 'other.yaml'), 'clients: []\n');
    const dir = temp();
    writeFileSync(join(dir, 'clientsync.yaml'), 'realm: r\n');
    symlinkSync(elsewhere, join(dir, 'clients'));
    const listing = listRepository(dir);
    expect(listing.accounts).toEqual([]);
    expect(listing.misplaced).toEqual([{ file: 'clients', message: expect.stringMatching(/symbolic link/) as string }]);
    expect((await readRepository(dir)).accounts).toEqual([]);
  });

  it('a symlinked clientsync.yaml is not read: the settings are missing, with a message saying why', async () => {
    const elsewhere = temp();
    writeFileSync(join(elsewhere, 'settings.yaml'), 'realm: other\n');
    const dir = temp();
    symlinkSync(join(elsewhere, 'settings.yaml'), join(dir, 'clientsync.yaml'));
    const listing = listRepository(dir);
    expect(listing.settingsPath).toBeNull();
    expect(listing.misplaced).toEqual([{ file: 'clientsync.yaml', message: expect.stringMatching(/symbolic link/) as string }]);
    expect(readSettingsFile(dir)).toBeNull();
  });

  it('a symlinked sub-folder of clients/ is not entered', () => {
    const elsewhere = temp();
    writeFileSync(join(elsewhere, 'inner.yaml'), 'clients: []\n');
    const dir = temp();
    mkdirSync(join(dir, 'clients'));
    writeFileSync(join(dir, 'clients', 'acme.yaml'), 'clients: []\n');
    symlinkSync(elsewhere, join(dir, 'clients', 'sub'));
    const listing = listRepository(dir);
    expect(listing.accounts.map((a) => a.file)).toEqual(['clients/acme.yaml']);
    expect(listing.misplaced.map((m) => m.file).join(' ')).not.toContain('inner');
  });
});
