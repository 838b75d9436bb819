// `npx clientsync` in a checkout runs the checkout's own CLI at once (#12.22), also the first
// time on a machine. npm 11's npx, asked for a command inside a project whose own bin has that
// name, installs the project into its cache, which runs its prepare script; prepare used to be a
// full TypeScript build (~10 s, silent, deleting dist/ under whatever ran from it). Now prepare
// builds only when the sources differ from what dist/ was built from (scripts/build.mjs).
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function npx(args: readonly string[], npmCache: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    // As a person types it in a shell: without the npm_* variables of the `npm test` around this
    // suite, under which npx resolves packages differently.
    // An empty npm cache: the first npx on a machine, whatever ran here before.
    const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key) && key !== 'INIT_CWD'));
    const child = spawn('npx', ['--loglevel=info', ...args], {
      cwd: ROOT,
      env: { ...env, NO_COLOR: '1', npm_config_cache: npmCache },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('npx clientsync in a checkout', () => {
  it('runs the built CLI the first time on a machine, without rebuilding dist/ or installing anything', async () => {
    expect(lstatSync(`${ROOT}node_modules/.bin/clientsync`).isSymbolicLink()).toBe(true);
    expect(readlinkSync(`${ROOT}node_modules/.bin/clientsync`)).toBe('../../bin/clientsync.js');
    const before = statSync(`${ROOT}dist/cli/main.js`);
    const npmCache = mkdtempSync(join(tmpdir(), 'clientsync-npm-cache-'));
    try {
      const result = await npx(['clientsync', '--help'], npmCache);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('clientsync: manage Keycloak');
      expect(result.stderr).not.toMatch(/added \d+ package/);
    } finally {
      rmSync(npmCache, { recursive: true, force: true });
    }
    // The same file, never rewritten: prepare found dist/ current and built nothing.
    const after = statSync(`${ROOT}dist/cli/main.js`);
    expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs]);
  });

  it('prepare rebuilds when a source changed since the last build, and only then', () => {
    // A small project around the real build script and the real TypeScript, so the suite's dist/
    // is never rebuilt under the other tests.
    const dir = mkdtempSync(join(tmpdir(), 'clientsync-prepare-'));
    try {
      const emulator = join(dir, 'packages', 'keycloak-emulator');
      mkdirSync(join(dir, 'scripts'));
      mkdirSync(join(dir, 'src'));
      mkdirSync(join(emulator, 'src'), { recursive: true });
      for (const script of ['build.mjs', 'link-bin.mjs']) copyFileSync(`${ROOT}scripts/${script}`, join(dir, 'scripts', script));
      symlinkSync(`${ROOT}node_modules`, join(dir, 'node_modules'));
      const tsconfig = { compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', rootDir: 'src', outDir: 'dist', types: [] }, include: ['src'] };
      for (const at of [dir, emulator]) {
        writeFileSync(join(at, 'package.json'), '{ "type": "module" }\n');
        writeFileSync(join(at, 'tsconfig.json'), JSON.stringify(tsconfig));
        writeFileSync(join(at, 'tsconfig.build.json'), '{ "extends": "./tsconfig.json" }\n');
      }
      writeFileSync(join(emulator, 'src', 'index.ts'), 'export const emulator = 1;\n');
      writeFileSync(join(dir, 'src', 'main.ts'), 'export const version = 1;\n');
      const build = (...args: string[]) => execFileSync(process.execPath, [join(dir, 'scripts', 'build.mjs'), ...args], { cwd: dir, stdio: 'pipe' });
      const output = join(dir, 'dist', 'main.js');

      build();
      expect(readFileSync(output, 'utf8')).toContain('version = 1');
      const first = statSync(output);
      build('--if-changed');
      expect(statSync(output).mtimeMs).toBe(first.mtimeMs);

      writeFileSync(join(dir, 'src', 'main.ts'), 'export const version = 2;\n');
      build('--if-changed');
      expect(readFileSync(output, 'utf8')).toContain('version = 2');

      // A file rewritten with the same bytes is no change.
      const second = statSync(output);
      writeFileSync(join(dir, 'src', 'main.ts'), 'export const version = 2;\n');
      build('--if-changed');
      expect(statSync(output).mtimeMs).toBe(second.mtimeMs);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('without a build, the command says what to do instead of failing on a missing module', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'clientsync-unbuilt-'));
    try {
      mkdirSync(join(dir, 'bin'));
      copyFileSync(`${ROOT}bin/clientsync.js`, join(dir, 'bin', 'clientsync.js'));
      const result = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
        const child = spawn(process.execPath, [join(dir, 'bin', 'clientsync.js'), '--help'], { stdio: ['ignore', 'ignore', 'pipe'] });
        let stderr = '';
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        child.on('error', reject);
        child.on('close', (code) => resolve({ code, stderr }));
      });
      expect(result.code).toBe(1);
      expect(result.stderr).toBe('clientsync is not built yet (no dist/ folder): run `npm run build` in this checkout (`npm ci` does it too)\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
