// What users install: the packed package (`npm pack`) and the production image hold the CLI and
// its schemas, never the Keycloak emulator (a development package) nor test code.
// Reads dist/ as built: `npm test` builds first (run `npm run build` before running this alone).
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url);
const run = promisify(execFile);

async function packedFiles(): Promise<string[]> {
  // --ignore-scripts: `prepare` would rebuild; this checks what the build left in dist/.
  const { stdout } = await run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, maxBuffer: 16 * 1024 * 1024 });
  const [pack] = JSON.parse(stdout) as { files: { path: string }[] }[];
  return (pack?.files ?? []).map((f) => f.path);
}

const TEST_CODE = /\.test\.|(^|\/)test-helpers\.|(^|\/)[a-z-]*builders\.|(^|\/)[a-z-]*arbitraries\.|(^|\/)golden-fixture\.|(^|\/)fake-[^/]*$/;

describe('the packed package', () => {
  it('holds the CLI, its compiled code and schemas, without the emulator or test code', async () => {
    const files = await packedFiles();
    // The package is not empty (a missing build would make every check below pass).
    expect(files).toContain('bin/clientsync.js');
    expect(files).toContain('dist/cli/main.js');
    expect(files).toContain('dist/cli/load-emulator.js');
    expect(files.some((f) => f.startsWith('schemas/'))).toBe(true);

    expect(files.filter((f) => f.startsWith('packages/') || f.includes('keycloak-emulator'))).toEqual([]);
    expect(files.filter((f) => f.startsWith('dist/emulator/'))).toEqual([]);
    // The emulator's own modules (server, router, token endpoint) compiled into dist/ under any name.
    expect(files.filter((f) => /(^|\/)(token-endpoint|admin-clients|java-order|url-validation)\.js$/.test(f))).toEqual([]);
    expect(files.filter((f) => TEST_CODE.test(f))).toEqual([]);
  });

  it('does not depend on the emulator at run time', () => {
    const manifest = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as Record<string, Record<string, string> | undefined>;
    expect(Object.keys(manifest['dependencies'] ?? {})).not.toContain('@clientsync/keycloak-emulator');
    expect(Object.keys(manifest['devDependencies'] ?? {})).toContain('@clientsync/keycloak-emulator');
  });
});

describe('dist/', () => {
  it('holds no test code: no compiled module imports a test library or test/', () => {
    const dist = new URL('dist/', root);
    const modules = (readdirSync(dist, { recursive: true }) as string[]).filter((f) => f.endsWith('.js'));
    expect(modules.length).toBeGreaterThan(50); // built (see the top of the file)
    const testish = modules.filter((f) => {
      const text = readFileSync(new URL(f, dist), 'utf8');
      return /from ['"](vitest|fast-check)['"]|from ['"][./]*test\//.test(text);
    });
    expect(testish).toEqual([]);
  });
});

describe('the production image', () => {
  it('copies no emulator into its runtime stage', () => {
    const dockerfile = readFileSync(new URL('Dockerfile', root), 'utf8');
    const stages = dockerfile.split(/^FROM\s/m);
    const runtime = stages[stages.length - 1] ?? '';
    expect(stages.length).toBeGreaterThanOrEqual(3); // a build stage and a runtime stage
    const copies = runtime.split('\n').filter((line) => /^COPY\s/.test(line));
    expect(copies.length).toBeGreaterThan(0);
    expect(copies.filter((line) => /packages|emulator/.test(line))).toEqual([]);
    // Dev dependencies (the emulator among them) are left out of the runtime install.
    expect(runtime).toMatch(/npm ci --omit=dev/);
  });
});
