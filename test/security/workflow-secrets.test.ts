// No job triggered by a pull request sees a Keycloak credential or any repository secret: such a
// job runs the pull request's own code (its package.json scripts, its clientsync), so whoever
// can push a branch could read what the job holds. Pull requests are planned by the daemon
// instead (docs/github.md). This test reads .github/workflows/*.yml and fails when a workflow
// triggered by pull_request or pull_request_target names `secrets.` other than GITHUB_TOKEN.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const WORKFLOWS = fileURLToPath(new URL('../../.github/workflows', import.meta.url));

function triggers(on: unknown): string[] {
  if (typeof on === 'string') return [on];
  if (Array.isArray(on)) return on.map(String);
  if (typeof on === 'object' && on !== null) return Object.keys(on);
  return [];
}

/** Every `secrets.NAME` (or `secrets['NAME']`) a workflow's text names, except GITHUB_TOKEN. */
export function forbiddenSecrets(text: string): string[] {
  const names = [...text.matchAll(/secrets\s*(?:\.\s*([A-Za-z_][\w-]*)|\[\s*['"]([^'"]+)['"]\s*\]|\b(?!\s*[.[]))/g)].map((m) => m[1] ?? m[2] ?? '(all secrets)');
  return names.filter((n) => n !== 'GITHUB_TOKEN');
}

export function pullRequestTriggered(text: string): boolean {
  const doc = parse(text) as Record<string, unknown> | null;
  // YAML 1.1 readers turn a bare `on:` key into true; the yaml package (1.2) keeps "on".
  const on = doc?.['on'] ?? doc?.['true'];
  return triggers(on).some((t) => t === 'pull_request' || t === 'pull_request_target');
}

describe('workflows triggered by pull requests', () => {
  const files = readdirSync(WORKFLOWS).filter((f) => /\.ya?ml$/.test(f));

  it('exist (validate.yml stays) and the old plan workflow is gone', () => {
    expect(files).toContain('validate.yml');
    expect(files).not.toContain('plan.yml');
  });

  it.each(files)('%s names no secret but GITHUB_TOKEN when a pull request triggers it', (file) => {
    const text = readFileSync(join(WORKFLOWS, file), 'utf8');
    if (!pullRequestTriggered(text)) return;
    expect(forbiddenSecrets(text)).toEqual([]);
  });

  it('the check itself catches what plan.yml did, in every spelling', () => {
    const plan = 'on:\n  pull_request:\n    paths: [clients/**]\njobs:\n  p:\n    env:\n      KEYCLOAK_CLIENT_SECRET: ${{ secrets.CLIENTSYNC_PLAN_CLIENT_SECRET }}\n';
    expect(pullRequestTriggered(plan)).toBe(true);
    expect(forbiddenSecrets(plan)).toEqual(['CLIENTSYNC_PLAN_CLIENT_SECRET']);
    expect(pullRequestTriggered('on: [push, pull_request_target]\n')).toBe(true);
    expect(pullRequestTriggered('on: push\n')).toBe(false);
    expect(forbiddenSecrets("x: ${{ secrets['KC'] }} y: ${{ toJSON(secrets) }} z: ${{ secrets.GITHUB_TOKEN }}")).toEqual(['KC', '(all secrets)']);
  });
});
