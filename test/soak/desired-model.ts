// The soak test's random desired state: a small model of a few account files that one seeded
// random source mutates commit by commit (add, remove and change clients, past and future
// rotate values, `clients: []`, a removed file, an invalid file, every file removed), rendered
// to the YAML files a commit writes. The model also says what a converged Keycloak must hold.
//
// Invariants the generator keeps, so that the expected end state is exact:
// - a file only names its own account's clients (an invalid file too), at most CLIENT_LIMIT
//   when valid;
// - each new past `rotate` of a client is later than every earlier one of that client, so the
//   last one honoured is the one declared (clientsync.rotated-at equals it);
// - a future `rotate` lies a year ahead: it never comes due during a run.
import { seededRandom, type RandomSource } from '@clientsync/keycloak-emulator';

/** A small seeded PRNG (mulberry32): the same seed replays the same commits. */
export class Random {
  readonly #source: RandomSource;
  constructor(seed: number) {
    this.#source = seededRandom(seed);
  }
  next(): number {
    return this.#source();
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new RangeError('pick from an empty list');
    return item;
  }
  subset<T>(items: readonly T[]): T[] {
    return items.filter(() => this.chance(0.5));
  }
}

export const ACCOUNTS = ['acme', 'beta', 'gamma'] as const;
export type AccountId = (typeof ACCOUNTS)[number];
export const SCOPES = ['datahub-api', 'push-data'] as const;
export const CLIENT_LIMIT = 5;
const NAMES = ['web', 'job', 'api', 'etl', 'bot', 'ops', 'sync'] as const;
/** Seeded in Keycloak by hand (unmanaged); beta's file declares it now and then: a conflict. */
export const HANDMADE_ID = 'beta_handmade';

type Kind = 'script' | 'web' | 'both' | 'backchannel';
export type InvalidVariant = 'schema' | 'yaml' | 'limit' | 'rule';

export interface ClientModel {
  readonly clientId: string;
  readonly kind: Kind;
  readonly description: string;
  readonly displayName: string | null;
  readonly path: string;
  readonly withRoot: boolean;
  readonly scopes: readonly string[];
  readonly rotate: string | null;
}

export type AccountModel =
  | { readonly state: 'absent' }
  | { readonly state: 'valid'; readonly clients: readonly ClientModel[] }
  /** `clients` is what the file held before it broke: fixing the file brings them back. */
  | { readonly state: 'invalid'; readonly variant: InvalidVariant; readonly clients: readonly ClientModel[] };

export type DesiredModel = Readonly<Record<AccountId, AccountModel>>;

export interface Step {
  readonly model: DesiredModel;
  /** What changed, for the soak's journal. */
  readonly description: string;
}

const isoMinute = (ms: number): string => new Date(Math.floor(ms / 60_000) * 60_000).toISOString().replace('.000Z', 'Z');

export class DesiredGenerator {
  readonly #random: Random;
  readonly #pastBase: number;
  readonly #futureBase: number;
  #rotations = 0;
  #texts = 0;

  constructor(random: Random, now: Date) {
    this.#random = random;
    this.#pastBase = now.getTime() - 60 * 86_400_000;
    this.#futureBase = now.getTime() + 365 * 86_400_000;
  }

  /** The state of the first commit: one or two accounts with a few clients. */
  initial(): DesiredModel {
    const model: Record<AccountId, AccountModel> = { acme: { state: 'absent' }, beta: { state: 'absent' }, gamma: { state: 'absent' } };
    for (const account of ACCOUNTS) {
      if (account === 'gamma' && this.#random.chance(0.5)) continue;
      model[account] = { state: 'valid', clients: this.#newClients(account, [], this.#random.int(1, 3)) };
    }
    return model;
  }

  next(previous: DesiredModel): Step {
    const r = this.#random;
    const present = ACCOUNTS.filter((a) => previous[a].state !== 'absent');
    if (present.length > 0 && r.chance(0.06)) {
      return { model: { acme: { state: 'absent' }, beta: { state: 'absent' }, gamma: { state: 'absent' } }, description: 'remove every account file' };
    }
    const model: Record<AccountId, AccountModel> = { ...previous };
    const notes: string[] = [];
    const touched = new Set<AccountId>();
    const edits = r.int(1, 4);
    for (let i = 0; i < edits; i++) {
      const account = r.pick(ACCOUNTS);
      if (touched.has(account) && r.chance(0.5)) continue;
      touched.add(account);
      const [next, note] = this.#edit(account, model[account]);
      model[account] = next;
      notes.push(`${account}: ${note}`);
    }
    return { model, description: notes.join('; ') };
  }

  #edit(account: AccountId, current: AccountModel): [AccountModel, string] {
    const r = this.#random;
    if (current.state === 'absent') {
      return [{ state: 'valid', clients: this.#newClients(account, [], r.int(1, 3)) }, 'new file'];
    }
    if (current.state === 'invalid') {
      const u = r.next();
      if (u < 0.6) return [{ state: 'valid', clients: current.clients }, 'file fixed'];
      if (u < 0.8) return [{ state: 'invalid', variant: this.#variant(), clients: current.clients }, 'file still invalid'];
      return [{ state: 'absent' }, 'invalid file removed'];
    }
    const clients = [...current.clients];
    const u = r.next();
    if (u < 0.08) return [{ state: 'invalid', variant: this.#variant(), clients }, 'file made invalid'];
    if (u < 0.13) return [{ state: 'absent' }, 'file removed'];
    if (u < 0.17) return [{ state: 'valid', clients: [] }, 'clients: []'];
    if (u < 0.35 && clients.length < CLIENT_LIMIT) {
      const added = this.#newClients(account, clients, 1);
      return [{ state: 'valid', clients: [...clients, ...added] }, `add ${added.map((c) => c.clientId).join(', ')}`];
    }
    if (u < 0.39 && account === 'beta' && clients.length < CLIENT_LIMIT && !clients.some((c) => c.clientId === HANDMADE_ID)) {
      return [{ state: 'valid', clients: [...clients, this.#client(HANDMADE_ID)] }, `declare ${HANDMADE_ID} (not adopted: a conflict)`];
    }
    if (clients.length === 0) return [{ state: 'valid', clients: this.#newClients(account, [], r.int(1, 2)) }, 'refill'];
    const index = r.int(0, clients.length - 1);
    const target = clients[index]!;
    if (u < 0.5) {
      clients.splice(index, 1);
      return [{ state: 'valid', clients }, `remove ${target.clientId}`];
    }
    let changed: ClientModel;
    let note: string;
    if (u < 0.62) {
      changed = { ...target, rotate: this.#pastRotate() };
      note = `rotate ${target.clientId} (past)`;
    } else if (u < 0.68) {
      changed = { ...target, rotate: this.#futureRotate() };
      note = `rotate ${target.clientId} (future)`;
    } else if (u < 0.72) {
      changed = { ...target, rotate: null };
      note = `drop rotate of ${target.clientId}`;
    } else {
      changed = this.#modified(target);
      note = `change ${target.clientId}`;
    }
    clients[index] = changed;
    return [{ state: 'valid', clients }, note];
  }

  #variant(): InvalidVariant {
    return this.#random.pick(['schema', 'yaml', 'limit', 'rule'] as const);
  }

  #newClients(account: AccountId, existing: readonly ClientModel[], count: number): ClientModel[] {
    const taken = new Set(existing.map((c) => c.clientId));
    const free = NAMES.map((n) => `${account}_${n}`).filter((id) => !taken.has(id));
    const made: ClientModel[] = [];
    for (let i = 0; i < count && free.length > 0 && existing.length + made.length < CLIENT_LIMIT; i++) {
      const [id] = free.splice(this.#random.int(0, free.length - 1), 1);
      if (id !== undefined) made.push(this.#client(id));
    }
    return made;
  }

  #client(clientId: string): ClientModel {
    const r = this.#random;
    const rotateRoll = r.next();
    return {
      clientId,
      kind: r.pick(['script', 'script', 'web', 'both', 'backchannel'] as const),
      description: this.#text(),
      displayName: r.chance(0.3) ? this.#text() : null,
      path: r.pick(['app', 'portal', 'cb']),
      withRoot: r.chance(0.3),
      scopes: r.subset(SCOPES),
      rotate: rotateRoll < 0.2 ? this.#pastRotate() : rotateRoll < 0.3 ? this.#futureRotate() : null,
    };
  }

  #modified(client: ClientModel): ClientModel {
    const r = this.#random;
    switch (r.int(0, 4)) {
      case 0:
        return { ...client, description: this.#text() };
      case 1:
        return { ...client, scopes: r.subset(SCOPES) };
      case 2:
        return { ...client, kind: r.pick(['script', 'web', 'both', 'backchannel'] as const) };
      case 3:
        return { ...client, path: r.pick(['app', 'portal', 'cb', 'next']), withRoot: !client.withRoot };
      default:
        return { ...client, displayName: client.displayName === null ? this.#text() : null, description: this.#text() };
    }
  }

  #text(): string {
    this.#texts += 1;
    return this.#random.pick([`v${this.#texts}`, `Team tool ${this.#texts}`, `Ünïcode & "quotes" #${this.#texts}`, `colon: ${this.#texts}`]);
  }

  #pastRotate(): string {
    this.#rotations += 1;
    return isoMinute(this.#pastBase + this.#rotations * 60_000);
  }

  #futureRotate(): string {
    this.#rotations += 1;
    return isoMinute(this.#futureBase + this.#rotations * 60_000);
  }
}

const q = (s: string): string => JSON.stringify(s);

function clientYaml(c: ClientModel): string {
  const account = c.clientId.split('_', 1)[0] ?? '';
  const host = `https://${account}.example`;
  const web = c.kind !== 'script';
  const lines = [`  - clientId: ${c.clientId}`];
  if (c.displayName !== null) lines.push(`    displayName: ${q(c.displayName)}`);
  lines.push(`    description: ${q(c.description)}`);
  const caps = { script: ['Script'], web: ['WebApp'], both: ['WebApp', 'Script'], backchannel: ['WebApp', 'Backchannel'] }[c.kind];
  lines.push(`    capabilities: [${caps.join(', ')}]`);
  if (web) {
    if (c.withRoot) {
      lines.push(`    rootUrl: ${host}`, `    homeUrl: /${c.path}`, `    redirectUris: ["/${c.path}/*"]`);
    } else {
      lines.push(`    redirectUris: [${q(`${host}/${c.path}/*`)}]`);
    }
    lines.push('    webOrigins: ["+"]', '    postLogoutRedirectUris: ["+"]');
  }
  if (c.kind === 'backchannel') lines.push(`    backchannelLogoutUrl: ${host}/logout`);
  if (c.scopes.length > 0) lines.push(`    scopes: [${c.scopes.join(', ')}]`);
  if (c.rotate !== null) lines.push(`    rotate: ${q(c.rotate)}`);
  return `${lines.join('\n')}\n`;
}

function invalidYaml(account: AccountId, variant: InvalidVariant, clients: readonly ClientModel[]): string {
  const body = clients.map(clientYaml).join('');
  switch (variant) {
    case 'schema':
      return `clients:\n${body}  - clientId: ${account}_broken\n    capabilities: [Nope]\n`;
    case 'yaml':
      return `clients:\n${body}  - clientId: ${account}_broken\n    capabilities: [Script\n`;
    case 'limit': {
      const extra = Array.from({ length: CLIENT_LIMIT + 1 - clients.length }, (_, i) => `  - clientId: ${account}_extra${i}\n    capabilities: [Script]\n`);
      return `clients:\n${body}${extra.join('')}`;
    }
    case 'rule':
      return `clients:\n${body}  - clientId: ${account}_wild\n    capabilities: [WebApp]\n    redirectUris: ["https://*.example.com/*"]\n`;
  }
}

/** The files of a commit: each account's file, or null to delete it. */
export function renderFiles(model: DesiredModel): Record<string, string | null> {
  const files: Record<string, string | null> = {};
  for (const account of ACCOUNTS) {
    const a = model[account];
    const path = `clients/${account}.yaml`;
    if (a.state === 'absent') files[path] = null;
    else if (a.state === 'invalid') files[path] = invalidYaml(account, a.variant, a.clients);
    else files[path] = a.clients.length === 0 ? 'clients: []\n' : `clients:\n${a.clients.map(clientYaml).join('')}`;
  }
  return files;
}

export function invalidAccounts(model: DesiredModel): AccountId[] {
  return ACCOUNTS.filter((a) => model[a].state === 'invalid');
}

export function hasNoAccountFile(model: DesiredModel): boolean {
  return ACCOUNTS.every((a) => model[a].state === 'absent');
}

/** The clients of valid files, without the hand-made one a file declares without adopting it. */
export function declaredClients(model: DesiredModel): ClientModel[] {
  return ACCOUNTS.flatMap((a) => {
    const account = model[a];
    return account.state === 'valid' ? account.clients.filter((c) => c.clientId !== HANDMADE_ID) : [];
  });
}
