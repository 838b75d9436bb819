// Soak: the daemon (in-process, its real code path: git source on a file:// repository, signed
// push webhook, run loop, sync, Keycloak adapter over HTTP) follows a temporary repository
// through a bounded sequence of random commits while the emulator injects faults (5xx, 429,
// dropped connections, latency, 1–2 s token lifespans). Each commit is followed by exactly one
// run, which may fail or partially fail but must never crash or hang. After every run:
// unmanaged and built-in clients are byte-for-byte unchanged (representation and scope links),
// the clients of accounts whose file is invalid are unchanged, no clientId exists twice. At the
// end, with the faults off, one more run converges: the plan shows no changes, the managed
// clients are exactly those declared (plus the frozen ones of invalid files; or, with no account
// file at all, those there were), every past `rotate` is recorded as honoured, no change was
// refused for good (faults are retryable), and no client secret ever reached the daemon's log.
//
// Reproduce with CLIENTSYNC_SOAK_SEED=<the printed seed>: it replays the commits, the fault
// settings, the emulator's fault draws and the retry jitter. (The interleaving of concurrent
// requests, and so which request draws which fault, still depends on timing.)
// CLIENTSYNC_SOAK_COMMITS (default 12) and CLIENTSYNC_SOAK_MAX_SECONDS (default 30: no commit
// starts whose run could end later) size it; `npm run test:soak` runs the long variant.
// CLIENTSYNC_SOAK_JOURNAL=1 prints every commit and its run's outcome (printed anyway on failure).
import { randomInt, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { NONE_SINK } from '../../src/apply/index.js';
import { abortableSleep, GitSource, signBody, startDaemon, systemClock, type RunningDaemon, type RunRecord } from '../../src/daemon/index.js';
import { ManualSchedule, MemoryLogger } from '../../src/daemon/test-helpers.js';
import type { Faults } from '../../src/emulator/index.js';
import { DEFAULT_RETRY, KeycloakAdapter, type ConnectionSettings } from '../../src/keycloak/index.js';
import { planSync } from '../../src/sync/sync-plan.js';
import { useEmulator } from '../support/emulator-env.js';
import { gitRepo, type GitRepo } from '../support/git-repo.js';
import { adminRequest, TokenSource } from '../support/keycloak-admin.js';
import {
  ACCOUNTS,
  declaredClients,
  DesiredGenerator,
  hasNoAccountFile,
  HANDMADE_ID,
  invalidAccounts,
  Random,
  renderFiles,
  type AccountId,
  type DesiredModel,
} from './desired-model.js';
import { RealmView, type ClientRep } from './realm-view.js';

function envInt(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw new Error(`${name} must be a whole number from ${min} to ${max}, got '${raw}'`);
  return value;
}

const SEED = envInt('CLIENTSYNC_SOAK_SEED', randomInt(1, 2 ** 31 - 1), 0, 2 ** 32 - 1);
const COMMITS = envInt('CLIENTSYNC_SOAK_COMMITS', 12, 0, 100_000);
const MAX_MS = envInt('CLIENTSYNC_SOAK_MAX_SECONDS', 30, 1, 86_400) * 1000;
/** The daemon's run time limit; a run that has not settled this long after it is a hang. */
const RUN_LIMIT_MS = 10_000;
const SETTLE_MS = RUN_LIMIT_MS + 10_000;

const REALM = 'soak';
const SETTINGS = `realm: ${REALM}\nscopes:\n  datahub-api: Query the API.\n  push-data: Send datapoints.\n`;
const WEBHOOK_SECRET = 'soak-test-webhook-secret-8d1e5b';
const NO_FAULTS: Partial<Faults> = { errorRate: 0, throttleRate: 0, dropRate: 0, latencyMs: 0, jitterMs: 0, tokenLifespanSeconds: null };

const kc = useEmulator({ realm: REALM, seed: SEED ^ 0x5eed });
const workDirs: string[] = [];
afterAll(() => {
  for (const dir of workDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

process.stdout.write(`soak: seed ${SEED} (CLIENTSYNC_SOAK_SEED=${SEED} replays it), up to ${COMMITS} commits within ${MAX_MS / 1000} s\n`);

/** Mostly moderate faults that retries absorb; now and then a storm that exhausts them. */
function faultsFor(random: Random): Partial<Faults> {
  const storm = random.chance(0.15);
  return {
    errorRate: storm ? 0.25 + random.next() * 0.2 : 0.02 + random.next() * 0.15,
    throttleRate: random.next() * 0.04,
    dropRate: storm ? 0.05 + random.next() * 0.1 : random.next() * 0.06,
    latencyMs: random.int(0, 12),
    jitterMs: random.int(0, 8),
    tokenLifespanSeconds: random.pick([1, 2]),
  };
}

/** Clients made by hand before clientsync: never to be touched, whatever the commits say. */
async function seedUnmanaged(url: string): Promise<void> {
  const tokens = TokenSource.admin({ url, adminUsername: 'admin', adminPassword: 'admin' });
  const post = async (body: Record<string, unknown>) => {
    const result = await adminRequest(url, tokens, 'POST', `/${REALM}/clients`, body);
    if (result.status !== 201) throw new Error(`seed ${String(body['clientId'])}: ${result.status} ${result.text}`);
    return result.headers.get('location')?.split('/').pop() ?? '';
  };
  await post({ clientId: 'legacy-portal', name: 'Legacy portal', publicClient: true, redirectUris: ['https://legacy.example/*'], webOrigins: ['+'] });
  const handmade = await post({
    clientId: HANDMADE_ID,
    description: 'made by hand; beta declares it now and then without adopt',
    serviceAccountsEnabled: true,
    standardFlowEnabled: false,
    attributes: { note: 'keep me' },
  });
  // Looks like clientsync's (an account marker) but is not managed: still never touched.
  await post({ clientId: 'acme_manual', serviceAccountsEnabled: true, attributes: { 'clientsync.account': 'acme' } });
  const scopes = (await adminRequest(url, tokens, 'GET', `/${REALM}/client-scopes`)).json as { id: string; name: string }[];
  const push = scopes.find((s) => s.name === 'push-data');
  if (!push) throw new Error('no push-data scope in the realm');
  const linked = await adminRequest(url, tokens, 'PUT', `/${REALM}/clients/${handmade}/default-client-scopes/${push.id}`);
  if (linked.status !== 204) throw new Error(`link push-data: ${linked.status}`);
}

/** Resolves true once the daemon is idle, false when that takes longer than SETTLE_MS. */
async function settle(daemon: RunningDaemon): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), SETTLE_MS);
  });
  const result = await Promise.race([daemon.whenIdle().then(() => true as const), late]);
  clearTimeout(timer);
  return result;
}

const isManaged = (c: ClientRep): boolean => c.attributes?.['clientsync.managed'] === 'true';
const ownerOf = (c: ClientRep): string => c.attributes?.['clientsync.account'] ?? c.clientId.split('_', 1)[0] ?? '';

function expectSameSnapshot(before: Map<string, string>, after: Map<string, string>, what: string): void {
  expect([...after.keys()], `${what}: the same clients`).toEqual([...before.keys()]);
  for (const [clientId, rep] of before) expect(after.get(clientId), `${what}: ${clientId} unchanged`).toBe(rep);
}

interface Tally {
  readonly outcomes: Record<string, number>;
  readonly failureStages: Record<string, number>;
  changesApplied: number;
  changesFailed: number;
  readonly terminal: string[];
}

describe('soak: the daemon under faults converges', () => {
  it(`random commits, one run each under faults, then a clean run converges (seed ${SEED})`, { timeout: MAX_MS + 3 * SETTLE_MS + 60_000 }, async () => {
    const started = Date.now();
    const { emulator } = kc();
    const admin = { url: emulator.url, adminUsername: emulator.adminUsername, adminPassword: emulator.adminPassword };
    const view = new RealmView(admin, REALM);
    const random = new Random(SEED);
    const retryRandom = new Random(SEED ^ 0x7e7);
    const generator = new DesiredGenerator(random, new Date());
    const journal: string[] = [];
    const secrets = new Set<string>();
    const tally: Tally = { outcomes: {}, failureStages: {}, changesApplied: 0, changesFailed: 0, terminal: [] };
    const fail = (message: string): never => {
      throw new Error(`${message}\nseed ${SEED}; commits so far:\n${journal.join('\n')}`);
    };

    await seedUnmanaged(emulator.url);
    const protectedBefore = await view.snapshot((c) => !isManaged(c));
    expect(protectedBefore.size).toBeGreaterThanOrEqual(8); // Keycloak's built-ins and the three above

    let model: DesiredModel = generator.initial();
    const repo: GitRepo = await gitRepo(renderFiles(model), SETTINGS);
    journal.push(`#0 initial: ${describeModel(model)}`);

    const connection: ConnectionSettings = {
      url: emulator.url,
      authRealm: 'master',
      credentials: { kind: 'client', clientId: emulator.serviceAccount.clientId, clientSecret: emulator.serviceAccount.clientSecret },
    };
    const workDir = mkdtempSync(join(tmpdir(), 'clientsync-soak-'));
    workDirs.push(workDir);
    const logger = new MemoryLogger();
    const concurrency = random.pick([1, 2, 4, 8]);
    const schedule = new ManualSchedule();

    /** Runs `run` (which starts one daemon run) under faults and checks what must hold after it. */
    const runChecked = async (daemon: () => RunningDaemon, run: () => Promise<void>, expectedId: number, label: string): Promise<RunRecord> => {
      const frozen = invalidAccounts(model);
      const frozenBefore = await view.snapshot((c) => isManaged(c) && frozen.includes(ownerOf(c) as AccountId));
      emulator.setFaults(faultsFor(random));
      await run();
      const settled = await settle(daemon());
      emulator.setFaults(NO_FAULTS);
      if (!settled) fail(`${label}: the run did not settle within ${SETTLE_MS / 1000} s (its limit is ${RUN_LIMIT_MS / 1000} s): a hang`);
      const record = daemon().state.lastRun;
      if (record?.id !== expectedId) fail(`${label}: expected run ${expectedId} to be the last, got ${String(record?.id)}`);
      const r = record!;
      tally.outcomes[r.outcome] = (tally.outcomes[r.outcome] ?? 0) + 1;
      if (r.failure) tally.failureStages[r.failure.stage] = (tally.failureStages[r.failure.stage] ?? 0) + 1;
      tally.changesApplied += r.applied;
      tally.changesFailed += r.failed;
      // Faults are 5xx, 429 and dropped connections: retryable. A change Keycloak refused for
      // good (a 404 or 409 after a retry, say) would be our bug. A run stopped at its limit
      // fails its remaining changes on purpose.
      if (r.failure?.stage !== 'timeout') {
        for (const { change, error } of r.changes) {
          if (error && !error.retryable) tally.terminal.push(`${label}: ${change.action} ${change.clientId}: ${error.status ?? ''} ${error.message}`);
        }
      }
      journal[journal.length - 1] += ` → run ${r.id} ${r.outcome}${r.failure ? ` (${r.failure.stage})` : ''}, ${r.applied} applied, ${r.failed} failed`;
      if (r.failure?.stage === 'internal' || r.failure?.stage === 'settings' || r.failure?.stage === 'git') fail(`${label}: run failed at stage ${r.failure.stage}: ${r.failure.message}`);
      if (r.outcome === 'refused') fail(`${label}: run refused: ${String(r.refusal)}`);
      const unexpected = logger.entries.filter((e) => e.msg === 'run failed unexpectedly');
      if (unexpected.length > 0) fail(`${label}: the run loop caught an exception: ${JSON.stringify(unexpected[0]?.fields)}`);

      expectSameSnapshot(protectedBefore, await view.snapshot((c) => !isManaged(c)), `${label}: unmanaged and built-in clients`);
      expectSameSnapshot(frozenBefore, await view.snapshot((c) => isManaged(c) && frozen.includes(ownerOf(c) as AccountId)), `${label}: clients of invalid files (${frozen.join(', ')})`);
      const clients = await view.clients();
      for (const c of clients) if (typeof c['secret'] === 'string' && c['secret'] !== '') secrets.add(c['secret']);
      const ids = clients.map((c) => c.clientId);
      expect(new Set(ids).size, `${label}: no duplicate clientId`).toBe(ids.length);
      return r;
    };

    let daemon: RunningDaemon | null = null;
    const current = (): RunningDaemon => daemon ?? fail('the daemon is not running');
    try {
      // Run 1: the start-up run, on the initial commit.
      await runChecked(
        current,
        async () => {
          // maxDeletes high: a random final state may need more deletes than the default limit,
          // whose refusal would stop convergence by design (the guard has tests of its own).
          daemon = await startDaemon(
            { host: '127.0.0.1', port: 0, runTimeLimitMs: RUN_LIMIT_MS, webhookSecret: WEBHOOK_SECRET, maxDeletes: 1000, concurrency, version: 'soak', defaultMetrics: false },
            {
              clock: systemClock,
              logger,
              source: new GitSource({ url: `file://${repo.dir}`, branch: 'main', workDir, env: process.env }),
              keycloak: (signal) => new KeycloakAdapter(connection, { retry: { ...DEFAULT_RETRY, sleep: abortableSleep(signal), random: () => retryRandom.next() } }),
              sink: NONE_SINK,
              schedule,
            },
          );
        },
        1,
        'start-up run',
      );

      // Each delivery's body differs, as GitHub's do (a push of the same head again carries a new
      // `before` and time stamps): the daemon ignores a body it has already acted on (replay).
      let deliveries = 0;
      const push = async (sha: string): Promise<void> => {
        deliveries += 1;
        const body = JSON.stringify({ ref: 'refs/heads/main', before: '0'.repeat(40), after: sha, repository: { full_name: 'example/clients' }, head_commit: { id: sha, timestamp: new Date(Date.UTC(2026, 0, 1, 0, 0, deliveries)).toISOString() } });
        const response = await fetch(`${current().url}/webhook`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-github-event': 'push', 'x-github-delivery': randomUUID(), 'x-hub-signature-256': signBody(WEBHOOK_SECRET, body) },
          body,
        });
        const answer = (await response.json()) as { run?: string };
        if (response.status !== 202 || answer.run !== 'started') fail(`webhook answered ${response.status} ${JSON.stringify(answer)}, not a started run`);
      };

      let commits = 0;
      // A commit starts only when its run, even one cut short at its limit, ends within the budget.
      while (commits < COMMITS && Date.now() - started + RUN_LIMIT_MS <= MAX_MS) {
        commits += 1;
        const step = generator.next(model);
        model = step.model;
        journal.push(`#${commits} ${step.description}`);
        const sha = await repo.commit(renderFiles(model), `soak commit ${commits}`);
        await runChecked(current, () => push(sha), commits + 1, `commit #${commits} (${step.description})`);
        if (commits % 25 === 0) {
          process.stdout.write(`soak: ${commits} commits in ${((Date.now() - started) / 1000).toFixed(0)} s; runs ${JSON.stringify(tally.outcomes)}, failures ${JSON.stringify(tally.failureStages)}\n`);
        }
      }

      // The end: faults off, one more run converges.
      journal.push(`final run (no faults): ${describeModel(model)}`);
      const managedBefore = await view.snapshot(isManaged);
      const frozen = invalidAccounts(model);
      const frozenBefore = await view.snapshot((c) => isManaged(c) && frozen.includes(ownerOf(c) as AccountId));
      await push((await repo.git.revparse(['HEAD'])).trim());
      if (!(await settle(current()))) fail(`final run: it did not settle within ${SETTLE_MS / 1000} s: a hang`);
      const last = current().state.lastRun;
      expect(last?.id).toBe(commits + 2);
      expect(last?.failure ?? null, 'the final run does not fail').toBeNull();
      expect(last?.failed, 'no change fails in the final run').toBe(0);
      expect(['success', 'partial']).toContain(last?.outcome);

      const plan = await planSync({ dir: repo.dir, keycloak: new KeycloakAdapter(connection), now: new Date(), revision: null });
      expect(plan.plan.changes, 'plan after the final run').toEqual([]);

      const live = await view.managed();
      const liveIds = live.map((c) => c.clientId);
      if (hasNoAccountFile(model)) {
        // No account file at all: nothing is deleted (a broken checkout must not wipe the realm).
        expect(plan.plan.notices.join(' ')).toContain('No account files were found');
        expectSameSnapshot(managedBefore, await view.snapshot(isManaged), 'no account file: managed clients');
      } else {
        const declared = declaredClients(model);
        const expected = [...declared.map((c) => c.clientId), ...frozenBefore.keys()].sort();
        expect(liveIds, 'managed clients = declared in valid files + those of invalid files').toEqual(expected);
        for (const client of live) {
          const account = ownerOf(client);
          expect(client.attributes?.['clientsync.account'], `${client.clientId}: account marker`).toBe(client.clientId.split('_', 1)[0]);
          expect(ACCOUNTS as readonly string[]).toContain(account);
        }
        const byId = new Map(live.map((c) => [c.clientId, c]));
        const now = Date.now();
        for (const c of declared) {
          const rotatedAt = byId.get(c.clientId)?.attributes?.['clientsync.rotated-at'];
          if (c.rotate !== null && Date.parse(c.rotate) <= now) expect(rotatedAt, `${c.clientId}: rotate ${c.rotate} honoured`).toBe(c.rotate);
          if (c.rotate !== null && Date.parse(c.rotate) > now) expect(rotatedAt, `${c.clientId}: future rotate not honoured yet`).not.toBe(c.rotate);
        }
      }
      expectSameSnapshot(frozenBefore, await view.snapshot((c) => isManaged(c) && frozen.includes(ownerOf(c) as AccountId)), 'final run: clients of invalid files');
      expectSameSnapshot(protectedBefore, await view.snapshot((c) => !isManaged(c)), 'final run: unmanaged and built-in clients');

      expect(tally.terminal, 'changes refused for good under retryable faults').toEqual([]);
      // Error paths under faults log Keycloak's answers: none may carry a client secret (any
      // secret a client held after any run, rotated ones included).
      const logged = JSON.stringify(logger.entries);
      expect(secrets.size).toBeGreaterThan(0);
      expect([...secrets].filter((secret) => logged.includes(secret)), 'client secrets in the daemon log').toEqual([]);
      const stats = emulator.stats();
      process.stdout.write(
        `soak: seed ${SEED}: concurrency ${concurrency}, ${commits} commits + start-up + final run in ${((Date.now() - started) / 1000).toFixed(1)} s; ` +
          `runs ${JSON.stringify(tally.outcomes)}, failures ${JSON.stringify(tally.failureStages)}, ` +
          `changes ${tally.changesApplied} applied / ${tally.changesFailed} failed; ` +
          `${stats.requests.total} requests, faults ${JSON.stringify(stats.faults)}; final: ${liveIds.length} managed clients\n`,
      );
      if (process.env['CLIENTSYNC_SOAK_JOURNAL'] === '1') process.stdout.write(`${journal.join('\n')}\n`);
    } catch (error) {
      process.stdout.write(`soak: FAILED with seed ${SEED}; commits:\n${journal.join('\n')}\n`);
      throw error;
    } finally {
      await (daemon as RunningDaemon | null)?.stop(5_000);
    }
  });
});

function describeModel(model: DesiredModel): string {
  return ACCOUNTS.map((a) => {
    const account = model[a];
    if (account.state === 'absent') return `${a}: no file`;
    if (account.state === 'invalid') return `${a}: invalid (${account.variant})`;
    return `${a}: [${account.clients.map((c) => c.clientId.slice(a.length + 1)).join(' ')}]`;
  }).join('; ');
}
