// The Kubernetes manifests in deploy/kubernetes/, checked as an operator would apply them: the
// CronJob's clone step run for real (its shell script, a real git, a real HTTP server), and the
// limits and network rules read from the YAML.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = new URL('../../deploy/kubernetes/', import.meta.url);
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function temp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'clientsync-deploy-'));
  dirs.push(dir);
  return dir;
}

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
function manifests(path: string): Json[] {
  return parseAllDocuments(readFileSync(new URL(path, ROOT), 'utf8')).map((d) => d.toJS() as Json);
}

interface Container {
  name: string;
  command?: string[];
  args?: string[];
  env?: { name: string; value?: string; valueFrom?: { secretKeyRef?: { key: string } } }[];
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
}

function run(command: string[], env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const [file, ...args] = command;
    const child = spawn(file!, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('CronJob clone step (#12.12)', () => {
  const cronJob = manifests('cronjob/cronjob.yaml')[0]!;
  const clone = (cronJob['spec']['jobTemplate']['spec']['template']['spec']['initContainers'] as Container[]).find((c) => c.name === 'clone')!;
  /** The container's command as Kubernetes would run it: its env (Secret keys from `secrets`), $(VAR) expanded, /work in a temp folder. */
  function cloneCommand(base: Record<string, string>, secrets: Record<string, string>, work: string): { command: string[]; env: Record<string, string> } {
    const env = { ...base };
    for (const e of clone.env ?? []) {
      const secretKey = e.valueFrom?.secretKeyRef?.key;
      if (e.value !== undefined) env[e.name] = e.value.replace(/\$\(([A-Z_]+)\)/g, (_, n: string) => env[n] ?? '');
      else if (secretKey !== undefined && secrets[secretKey] !== undefined) env[e.name] = secrets[secretKey];
    }
    const command = [...(clone.command ?? []), ...(clone.args ?? [])].map((s) => s.replace(/\$\(([A-Z_]+)\)/g, (_, n: string) => env[n] ?? '').replaceAll('/work/', `${work}/`));
    return { command, env };
  }

  it('sends the git auth header to the repository origin only, never on the command line', async () => {
    const header = 'Authorization: Basic eC1hY2Nlc3MtdG9rZW46Z2hzX3NlY3JldA==';
    const seen: IncomingHttpHeaders[] = [];
    const server = createServer((req, res) => {
      seen.push(req.headers);
      res.statusCode = 403;
      res.end('denied');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const other = 'https://elsewhere.example';
      // A git on PATH that records, before running the real git, which header git would send
      // to the origin and to another host, and its own arguments.
      const bin = temp();
      const realGit = (process.env['PATH'] ?? '').split(':').map((p) => join(p, 'git')).find((p) => existsSync(p)) ?? '/usr/bin/git';
      writeFileSync(
        join(bin, 'git'),
        `#!/bin/sh\n'${realGit}' config --get-urlmatch http.extraheader '${origin}/o/r.git' > '${bin}/origin.txt'\n'${realGit}' config --get-urlmatch http.extraheader '${other}/o/r.git' > '${bin}/other.txt'\nprintf '%s\\n' "$@" > '${bin}/args.txt'\nexec '${realGit}' "$@"\n`,
        { mode: 0o755 },
      );
      const work = temp();
      const { command, env } = cloneCommand(
        { PATH: `${bin}:${process.env['PATH'] ?? ''}`, HOME: work, CLIENTSYNC_GIT_URL: `${origin}/o/r.git`, CLIENTSYNC_BRANCH: 'main' },
        { GIT_AUTH_HEADER: header },
        work,
      );
      const result = await run(command, env);
      expect(result.code).not.toBe(0); // the server refuses: only the header matters here
      expect(readFileSync(join(bin, 'origin.txt'), 'utf8').trim()).toBe(header);
      expect(readFileSync(join(bin, 'other.txt'), 'utf8').trim()).toBe('');
      expect(readFileSync(join(bin, 'args.txt'), 'utf8')).not.toContain('eC1hY2Nlc3M');
      expect(seen.length).toBeGreaterThan(0);
      expect(seen.every((h) => h.authorization === header.slice('Authorization: '.length))).toBe(true);
      expect(result.stderr).not.toContain('eC1hY2Nlc3M');
    } finally {
      server.close();
    }
  });

  it('refuses to send the header over plain http to another host', async () => {
    const work = temp();
    const { command, env } = cloneCommand(
      { PATH: process.env['PATH'] ?? '', HOME: work, CLIENTSYNC_GIT_URL: 'http://git.example.invalid/o/r.git', CLIENTSYNC_BRANCH: 'main' },
      { GIT_AUTH_HEADER: 'Authorization: Basic eA==' },
      work,
    );
    const result = await run(command, env);
    expect(result.code).toBe(64);
    expect(result.stderr).toMatch(/https:\/\//);
  });
});

interface PodSpec {
  containers: Container[];
  initContainers?: Container[];
  volumes?: { name: string; emptyDir?: { sizeLimit?: string } }[];
}
const daemon = manifests('daemon/deployment.yaml')[0]!;
const daemonPod = daemon['spec']['template'] as { metadata: { labels: Record<string, string> }; spec: PodSpec };
const cronPod = manifests('cronjob/cronjob.yaml')[0]!['spec']['jobTemplate']['spec']['template'] as { metadata: { labels: Record<string, string> }; spec: PodSpec };

function selects(selector: { matchLabels?: Record<string, string> }, labels: Record<string, string>): boolean {
  return Object.entries(selector.matchLabels ?? {}).every(([k, v]) => labels[k] === v);
}

describe('NetworkPolicy (#12.10)', () => {
  it('lets into the daemon only its HTTP port, only from the namespaces that need it, and is part of the kustomization', () => {
    expect(readFileSync(new URL('daemon/kustomization.yaml', ROOT), 'utf8')).toMatch(/^\s+- networkpolicy\.yaml$/m);
    const policies = manifests('daemon/networkpolicy.yaml').filter((m) => m['kind'] === 'NetworkPolicy');
    const mine = policies.filter((p) => selects(p['spec']['podSelector'], daemonPod.metadata.labels));
    expect(mine).toHaveLength(1);
    const spec = mine[0]!['spec'];
    expect(spec['policyTypes']).toContain('Ingress');
    const rules = spec['ingress'] as { from?: unknown[]; ports?: { port: unknown; protocol?: string }[] }[];
    expect(rules.length).toBeGreaterThan(0);
    for (const rule of rules) {
      // A rule without `from` (or with an empty one) admits every source; without `ports`, every port.
      expect(rule.from?.length ?? 0).toBeGreaterThan(0);
      expect(rule.ports?.map((p) => p.port)).toEqual(['http']);
    }
    expect(daemonPod.spec.containers[0]!).toMatchObject({ ports: [{ name: 'http', containerPort: 8080 }] });
  });

  it('lets nothing into the CronJob pods (they serve nothing)', () => {
    expect(readFileSync(new URL('cronjob/kustomization.yaml', ROOT), 'utf8')).toMatch(/^\s+- networkpolicy\.yaml$/m);
    const mine = manifests('cronjob/networkpolicy.yaml').filter((p) => p['kind'] === 'NetworkPolicy' && selects(p['spec']['podSelector'], cronPod.metadata.labels));
    expect(mine).toHaveLength(1);
    expect(mine[0]!['spec']['policyTypes']).toContain('Ingress');
    expect(mine[0]!['spec']['ingress'] ?? []).toEqual([]);
  });
});

describe('resources (#12.14)', () => {
  it.each([
    ['daemon', daemonPod.spec],
    ['cronjob', cronPod.spec],
  ])('%s: every emptyDir has a sizeLimit; every container has a CPU request and limit and room for the peak RSS the bench measured', (_, spec) => {
    const volumes = (spec.volumes ?? []).filter((v) => v.emptyDir !== undefined);
    expect(volumes.length).toBeGreaterThan(0);
    for (const v of volumes) expect(v.emptyDir?.sizeLimit, v.name).toMatch(/^\d+(Mi|Gi)$/);
    for (const c of [...spec.containers, ...(spec.initContainers ?? [])]) {
      expect(c.resources?.requests?.['cpu'], c.name).toBeDefined();
      expect(c.resources?.limits?.['cpu'], c.name).toBeDefined();
      const mebibytes = (q: string | undefined) => Number(/^(\d+)Mi$/.exec(q ?? '')?.[1] ?? /^(\d+)Gi$/.exec(q ?? '')?.[1] ?? NaN) * (q?.endsWith('Gi') ? 1024 : 1);
      // bench/results.md: a sync process of 5,000 clients peaks at 167 MB (bound: < 250 MB).
      if (c.name !== 'clone') expect(mebibytes(c.resources?.limits?.['memory'])).toBeGreaterThanOrEqual(250);
      if (c.name !== 'clone') expect(mebibytes(c.resources?.requests?.['memory'])).toBeGreaterThanOrEqual(167);
    }
  });
});
