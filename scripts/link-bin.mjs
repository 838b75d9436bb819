// Run by `npm ci` / `npm install` (the prepare script, after the build): links this checkout's
// own CLI into node_modules/.bin, so that `npx clientsync` runs it at once.
//
// Why: npm links the bins of dependencies into node_modules/.bin, never the project's own. Not
// finding `clientsync` there, npx took it for a package to install, installed this very folder
// as one (file:.) and ran its prepare script: a TypeScript build of about 10 s, in silence,
// before the first command started (and again whenever npx's cache was cleared).
//
// Nothing to do where there is no node_modules (a packed tarball) or when the link is there.
import { existsSync, lstatSync, readlinkSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const binDir = fileURLToPath(new URL('../node_modules/.bin/', import.meta.url));
const target = '../../bin/clientsync.js';

if (existsSync(binDir)) {
  const link = `${binDir}clientsync`;
  const current = lstatSync(link, { throwIfNoEntry: false });
  if (current?.isSymbolicLink() && readlinkSync(link) === target) process.exit(0);
  if (current !== undefined) unlinkSync(link);
  if (process.platform === 'win32') {
    // npm's own shims on Windows are .cmd files; a symbolic link needs extra rights there.
    writeFileSync(`${link}.cmd`, '@node "%~dp0\\..\\..\\bin\\clientsync.js" %*\r\n');
  } else {
    symlinkSync(target, link);
  }
}
