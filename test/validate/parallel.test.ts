// The built CLI on a repository of a few hundred files must report exactly what
// validateRepository gives in-process (one thread by default at this size; the worker-thread
// path is compared with it in parallel-workers.test.ts).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatJson } from '../../src/cli/format-problems.js';
import { PARALLEL_THRESHOLD } from '../../src/config/parallel-validate.js';
import { raw } from '../support/config-helpers.js';
import { validateRepository } from '../../src/config/validate-repository.js';
import { runCli } from '../support/run-cli.js';
import { tempRepo } from '../support/temp-repo.js';

describe('validate on many files', () => {
  it('reports the same problems as the single-threaded path', async () => {
    const files: Record<string, string> = {};
    const count = PARALLEL_THRESHOLD * 2 + 17;
    for (let i = 0; i < count; i++) {
      const id = `acct-${String(i).padStart(4, '0')}`;
      files[`clients/${id}.yaml`] =
        i % 97 === 3
          ? `clients:\n  - clientId: ${id}_a\n    capabilities: [WebApp]\n    redirectUris: ["http://x.example/*"]\n`
          : `clients:\n  - clientId: ${id}_a\n    capabilities: [Script]\n`;
    }
    const dir = tempRepo(files);
    const r = await runCli(['validate', '--dir', dir, '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);

    const names = readdirSync(join(dir, 'clients')).sort();
    const expected = validateRepository(
      {
        settings: raw('clientsync.yaml', readFileSync(join(dir, 'clientsync.yaml'))),
        accounts: names.map((n) => raw(`clients/${n}`, readFileSync(join(dir, 'clients', n)))),
        misplaced: [],
      },
      new Date(),
    );
    expect(expected.problems.length).toBe(Math.ceil((count - 3) / 97));
    expect(r.stdout).toBe(formatJson({ problems: expected.problems, fileCount: expected.fileCount, clientCount: expected.clientCount }));
  });
});
