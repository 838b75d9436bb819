// What the project runs on and pulls in: workflow actions pinned by commit, the image's base
// and the CI on the current Node.js LTS (#12.13, #12.14).
import { readdirSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const root = (path: string) => new URL(`../../${path}`, import.meta.url);
const read = (path: string) => readFileSync(root(path), 'utf8');
const workflows = readdirSync(root('.github/workflows')).filter((f) => /\.ya?ml$/.test(f));

/** Every `uses:` of a workflow's steps, with the comment that follows it on its line. */
function uses(file: string): { action: string; line: string }[] {
  return read(`.github/workflows/${file}`)
    .split('\n')
    .filter((l) => /^\s*(-\s+)?uses:/.test(l))
    .map((line) => ({ action: line.replace(/^\s*(-\s+)?uses:\s*/, '').replace(/\s*#.*$/, '').trim(), line }));
}

describe('workflow actions (#12.14)', () => {
  it.each(workflows)('%s pins every action by a full commit sha, with the version it is in a comment', (file) => {
    const steps = uses(file);
    expect(steps.length).toBeGreaterThan(0);
    for (const { action, line } of steps) {
      expect(action, line).toMatch(/^[\w.-]+\/[\w.-]+(\/[\w./-]+)?@[0-9a-f]{40}$/);
      expect(line, line).toMatch(/#\s*v\d+\.\d+\.\d+/);
    }
  });

  it.each(workflows)('%s checks out without leaving the token in .git/config', (file) => {
    const doc = parse(read(`.github/workflows/${file}`)) as { jobs: Record<string, { steps: { uses?: string; with?: Record<string, unknown> }[] }> };
    for (const job of Object.values(doc.jobs)) {
      for (const step of job.steps.filter((s) => s.uses?.startsWith('actions/checkout@'))) expect(step.with?.['persist-credentials']).toBe(false);
    }
  });
});

describe('Node.js 24 LTS (#12.13)', () => {
  it.each(workflows)('%s sets up Node 24 (ci.yml\'s suite job: the oldest Node engines allows, and .ci/run adds Node 24)', (file) => {
    const doc = parse(read(`.github/workflows/${file}`)) as { jobs: Record<string, { steps: { uses?: string; run?: string; with?: Record<string, unknown> }[] }> };
    let setups = 0;
    for (const job of Object.values(doc.jobs)) {
      const runsCi = job.steps.some((s) => s.run?.includes('.ci/run'));
      for (const s of job.steps.filter((s) => s.uses?.startsWith('actions/setup-node@'))) {
        setups += 1;
        expect(String(s.with?.['node-version'])).toBe(runsCi ? '20' : '24');
      }
    }
    expect(setups).toBeGreaterThan(0);
  });

  it('the image builds and runs on node:24 (every stage from the same base)', () => {
    const dockerfile = read('Dockerfile');
    const froms = dockerfile.split('\n').filter((l) => /^FROM\s/i.test(l));
    expect(froms.length).toBeGreaterThanOrEqual(2);
    const base = /^ARG NODE_IMAGE=(\S+)$/m.exec(dockerfile)?.[1];
    expect(base).toMatch(/^node:24-/);
    for (const from of froms) expect(from).toMatch(/^FROM \$\{NODE_IMAGE\}/);
  });

  it('.ci/run runs the whole suite on the machine\'s Node and on a pinned Node 24 from the npm registry', () => {
    const script = read('.ci/run');
    expect(script).toMatch(/set -euo pipefail/);
    expect(script).toMatch(/^NODE24_VERSION=24\.\d+\.\d+$/m);
    expect(script).toMatch(/npm install --prefix "\$scratch"[^\n]*"node@\$\{NODE24_VERSION\}"/);
    expect(script.match(/npm test/g)?.length).toBeGreaterThanOrEqual(2);
  });

  it('package.json still allows Node 20.19 (engines), and the docs name Node 24 as the one to use', () => {
    const pkg = JSON.parse(read('package.json')) as { engines: { node: string } };
    expect(pkg.engines.node).toBe('>=20.19');
    expect(read('README.md')).toMatch(/Node\.js 24/);
  });
});
