// `npm run build` and npm's prepare hook: builds the emulator package, then clientsync into a
// fresh dist/, links the checkout's CLI (link-bin.mjs), and records a fingerprint of what it
// built from.
//
// With --if-changed (the prepare hook) it does nothing but the link when dist/ was built from
// exactly the sources there now. Why: npm 11's npx, asked for `clientsync` inside this checkout,
// installs the checkout itself into its cache (the project's own bin comes first), which runs
// prepare: without this check, the first `npx clientsync` on a machine spent ~10 s rebuilding an
// up-to-date dist/ in silence, and deleted dist/ under anything running from it meanwhile.
//
// The fingerprint is taken before compiling, so a source edited during a build makes the next
// check rebuild. Contents, not times: a checkout that rewrites files unchanged rebuilds nothing.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const emulator = join(root, 'packages', 'keycloak-emulator');
const stamp = join(root, 'dist', '.build-fingerprint');

// Everything either compilation reads: sources, compiler settings, and the lockfile (it pins
// TypeScript and the type packages).
const inputs = [
  join(root, 'src'),
  join(emulator, 'src'),
  ...['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json'].map((f) => join(root, f)),
  ...['package.json', 'tsconfig.json', 'tsconfig.build.json'].map((f) => join(emulator, f)),
];

function files(path) {
  if (!existsSync(path)) return [];
  try {
    return readdirSync(path, { withFileTypes: true }).flatMap((e) => files(join(path, e.name)));
  } catch (error) {
    if (error.code === 'ENOTDIR') return [path];
    throw error;
  }
}

function fingerprint() {
  const hash = createHash('sha256');
  for (const file of inputs.flatMap(files).sort()) {
    hash.update(`${relative(root, file)}\0`).update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

function linkBin() {
  execFileSync(process.execPath, [join(root, 'scripts', 'link-bin.mjs')], { stdio: 'inherit' });
}

const current = fingerprint();
const built = existsSync(stamp) ? readFileSync(stamp, 'utf8').trim() : undefined;
if (process.argv.includes('--if-changed') && built === current && existsSync(join(emulator, 'dist', 'index.js'))) {
  linkBin();
  process.exit(0);
}

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
try {
  rmSync(join(emulator, 'dist'), { recursive: true, force: true });
  execFileSync(process.execPath, [tsc, '-p', join(emulator, 'tsconfig.build.json')], { stdio: 'inherit', cwd: emulator });
  rmSync(join(root, 'dist'), { recursive: true, force: true });
  execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit', cwd: root });
} catch (error) {
  // tsc has printed its diagnostics; its exit code is the build's.
  process.exit(typeof error.status === 'number' && error.status !== 0 ? error.status : 1);
}
linkBin();
writeFileSync(stamp, `${current}\n`);
