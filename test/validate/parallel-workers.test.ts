// The worker-thread path of validation, with the timing taken out: every file through the
// workers, one or two of them, must give exactly the single-threaded result, hostile files
// included. Uses the compiled modules (workers load them from dist/; npm test builds first).
import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import type * as Config from '../../src/config/index.js';
import type * as Parallel from '../../src/config/parallel-validate.js';
import type * as Validate from '../../src/config/validate-repository.js';
import { NOW, raw, SETTINGS_YAML } from '../support/config-helpers.js';
import { validateRepository } from '../../src/config/validate-repository.js';
import { tempRepo } from '../support/temp-repo.js';

const built = new URL('../../dist/config/parallel-validate.js', import.meta.url).href;
const { defaultThreads, FILES_PER_THREAD, startWorkers, stopWorkers } = (await import(built)) as typeof Parallel;
const { validateRepositoryParallel } = (await import(new URL('../../dist/config/validate-repository.js', import.meta.url).href)) as typeof Validate;
const { loadRepository, readRepository } = (await import(new URL('../../dist/config/index.js', import.meta.url).href)) as typeof Config;

const idOf = (i: number, digits = 3) => `acct${String(i).padStart(digits, '0')}`;

function accountFile(i: number, id = idOf(i)): string {
  switch (i % 7) {
    case 1:
      return `clients:\n  - clientId: ${id}_web\n    capabilities: [WebApp]\n    redirectUris: ["http://x.example/*"]\n`;
    case 2:
      return `clients: ${'['.repeat(200)}\n`;
    case 3:
      return `a: &a [1, 2]\nb: [*a, *a]\nclients:\n  - clientId: ${id}_a\n    capabilities: [Script]\n    unknown: 1\n`;
    case 4:
      return '[a]\n'.repeat(300);
    default:
      return `clients:\n  - clientId: ${id}_job\n    capabilities: [Script]\n    scopes: [push-data]\n`;
  }
}

const files = {
  settings: raw('clientsync.yaml', SETTINGS_YAML),
  accounts: Array.from({ length: 310 }, (_, i) => raw(`clients/${idOf(i)}.yaml`, accountFile(i))),
  misplaced: [],
};
const single = validateRepository(files, NOW);

describe('validation on worker threads', () => {
  it.each([2, 3])('every file through the workers (%i threads): the single-threaded result', async (threads) => {
    const workers = startWorkers(files.accounts.length, threads);
    expect(workers).toHaveLength(threads - 1);
    const result = await validateRepositoryParallel(files, NOW, threads, { workers, mainThreadValidates: false });
    expect(result).toEqual(single);
    expect(single.problems.length).toBeGreaterThan(100);
  });

  it('workers started before the files are read, the main thread sharing the work: the same result', async () => {
    const workers = startWorkers(files.accounts.length, 2);
    await new Promise((resolve) => setTimeout(resolve, 300)); // as if reading the files
    expect(await validateRepositoryParallel(files, NOW, 2, { workers })).toEqual(single);
  });

  it('workers stopped unused (the files could not be read) end without an error', async () => {
    const workers = startWorkers(files.accounts.length, 3);
    stopWorkers(workers);
    const codes = await Promise.all(workers.map(({ worker }) => new Promise((resolve) => worker.once('exit', resolve))));
    expect(codes).toHaveLength(2);
  });

  it('below the threshold no worker is started', () => {
    expect(startWorkers(199, 8)).toEqual([]);
  });

  it('by default, a thread per FILES_PER_THREAD files, at most one per core', () => {
    expect(defaultThreads(0)).toBe(1);
    expect(defaultThreads(FILES_PER_THREAD * 2 - 1)).toBe(1);
    expect(defaultThreads(FILES_PER_THREAD * 2)).toBe(Math.min(2, availableParallelism()));
    expect(defaultThreads(FILES_PER_THREAD * 1000)).toBe(availableParallelism());
  });

  it('loadRepository on a repository large enough for workers: the single-threaded result', { timeout: 60_000 }, async () => {
    const count = FILES_PER_THREAD * 2 + 3;
    const contents: Record<string, string> = {};
    for (let i = 0; i < count; i++) contents[`clients/${idOf(i, 4)}.yaml`] = accountFile(i, idOf(i, 4));
    const dir = tempRepo(contents);
    const expected = validateRepository(await readRepository(dir), NOW);
    expect(expected.problems.length).toBeGreaterThan(count / 2);
    expect(await loadRepository(dir, NOW)).toEqual(expected);
  });
});
