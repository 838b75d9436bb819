// A stand-in for api.github.com on 127.0.0.1: every request is checked against GitHub's
// published OpenAPI description (@octokit/openapi: the operation for method + path, path and
// query parameters, the JSON request body's schema), and every answer against the response
// schema of that operation before it is sent. A request the description does not allow is
// recorded as a violation and answered 400 (the test then fails on `violations`); so is an
// operation the stand-in does not model. It never answers 200 to anything.
//
// Modelled: the authenticated user (token), the App and its installations (JWT, installation
// tokens), issue comments (list, create, update) and commit statuses, with GitHub's own limits
// (status description <= 140 characters, comment body < 65,536) answered 422 as GitHub does.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsPkg from 'ajv-formats';

const addFormats = addFormatsPkg.default;
const require = createRequire(import.meta.url);

interface Parameter {
  readonly name: string;
  readonly in: 'path' | 'query' | 'header' | 'cookie';
  readonly required?: boolean;
  readonly schema?: Record<string, unknown>;
}
interface Operation {
  readonly operationId: string;
  readonly parameters?: readonly (Parameter | { $ref: string })[];
  readonly requestBody?: { readonly required?: boolean; readonly content: Record<string, { schema: Record<string, unknown> }> };
  readonly responses: Record<string, { content?: Record<string, { schema: Record<string, unknown> }> } | { $ref: string }>;
}
interface Description {
  readonly paths: Record<string, Record<string, Operation>>;
  readonly components: Record<string, Record<string, unknown>>;
}

let loaded: { spec: Description; ajv: Ajv; routes: { template: string; regex: RegExp; names: string[] }[] } | null = null;

/** The description and a validator over its components (loaded once per test process). */
function description() {
  if (loaded !== null) return loaded;
  const spec = require('@octokit/openapi/generated/api.github.com.json') as Description;
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true, discriminator: false });
  addFormats(ajv);
  ajv.addSchema({ $id: 'https://api.github.com/openapi', components: openApiNullable(structuredClone(spec.components)) });
  const routes = Object.keys(spec.paths).map((template) => {
    const names: string[] = [];
    const regex = new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{([^}]+)\}/g, (_m, name: string) => (names.push(name), '([^/]+)'))}$`);
    return { template, regex, names };
  });
  loaded = { spec, ajv, routes };
  return loaded;
}

const validators = new Map<string, ValidateFunction>();
/** A validator for a schema of the description ($refs resolve against its components). */
function validatorFor(key: string, schema: Record<string, unknown>): ValidateFunction {
  let v = validators.get(key);
  if (v === undefined) {
    const { ajv } = description();
    // Local refs (#/components/...) point into the schema added above.
    const rebased = openApiNullable(JSON.parse(JSON.stringify(schema).replace(/"#\/components\//g, '"https://api.github.com/openapi#/components/')) as Record<string, unknown>);
    v = ajv.compile(rebased);
    validators.set(key, v);
  }
  return v;
}

function resolveParameter(p: Parameter | { $ref: string }): Parameter {
  if ('$ref' in p) return description().spec.components['parameters']![p.$ref.split('/').pop()!] as Parameter;
  return p;
}

function coerce(value: string, schema: Record<string, unknown> | undefined): unknown {
  const type = schema?.['type'];
  if ((type === 'integer' || type === 'number') && /^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  if (type === 'boolean' && (value === 'true' || value === 'false')) return value === 'true';
  return value;
}

export interface StandInComment {
  id: number;
  body: string;
  login: string;
  type: 'User' | 'Bot';
  created_at: string;
  updated_at: string;
}

export interface StandInStatus {
  readonly sha: string;
  readonly state: string;
  readonly context: string;
  readonly description: string | null;
  readonly at: number;
}

export interface GitHubStandIn {
  readonly url: string;
  /** Requests that the description does not allow, or that the stand-in does not model. */
  readonly violations: string[];
  /** `METHOD /path -> status` of every request, in order. */
  readonly requests: string[];
  /** Every request body and Authorization header seen, for leak checks. */
  readonly seen: string[];
  comments(owner: string, repo: string, issue: number): StandInComment[];
  /** Adds a comment by someone else (e.g. one that copies the marker). */
  addComment(owner: string, repo: string, issue: number, login: string, body: string): StandInComment;
  statuses(owner: string, repo: string): StandInStatus[];
  /** The next `count` requests matching `route` (e.g. 'POST /repos/{owner}/{repo}/statuses/{sha}') are answered `status`. */
  failNext(route: string, status: number, count?: number): void;
  close(): Promise<void>;
}

export interface StandInOptions {
  /** The token clients must send (token identity). */
  readonly token?: string;
  /** The login GET /user answers for the token. */
  readonly login?: string;
  /** A GitHub App: its id and slug, and the installation (id) covering every repository. */
  readonly app?: { readonly id: number; readonly slug: string; readonly installationId: number };
}

const NOW = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');

function userObject(base: string, login: string, id: number, type: 'User' | 'Bot') {
  const u = `${base}/users/${encodeURIComponent(login)}`;
  return {
    login,
    id,
    node_id: `U_${id}`,
    avatar_url: `https://avatars.example.invalid/u/${id}`,
    gravatar_id: '',
    url: u,
    html_url: `https://github.example.invalid/${encodeURIComponent(login)}`,
    followers_url: `${u}/followers`,
    following_url: `${u}/following{/other_user}`,
    gists_url: `${u}/gists{/gist_id}`,
    starred_url: `${u}/starred{/owner}{/repo}`,
    subscriptions_url: `${u}/subscriptions`,
    organizations_url: `${u}/orgs`,
    repos_url: `${u}/repos`,
    events_url: `${u}/events{/privacy}`,
    received_events_url: `${u}/received_events`,
    type,
    site_admin: false,
  };
}

export async function startGitHubStandIn(options: StandInOptions = {}): Promise<GitHubStandIn> {
  const { spec, routes } = description();
  const violations: string[] = [];
  const requests: string[] = [];
  const seen: string[] = [];
  const comments = new Map<string, StandInComment[]>();
  const statuses = new Map<string, StandInStatus[]>();
  const faults: { route: string; status: number; count: number }[] = [];
  const installationTokens = new Set<string>();
  let nextId = 1000;
  let base = '';
  const userIds = new Map<string, number>();
  const idOf = (login: string) => {
    if (!userIds.has(login)) userIds.set(login, 5000 + userIds.size);
    return userIds.get(login)!;
  };
  const commentsOf = (owner: string, repo: string, issue: number) => {
    const key = `${owner}/${repo}#${issue}`.toLowerCase();
    if (!comments.has(key)) comments.set(key, []);
    return comments.get(key)!;
  };
  const commentJson = (owner: string, repo: string, issue: number, c: StandInComment) => ({
    id: c.id,
    node_id: `IC_${c.id}`,
    url: `${base}/repos/${owner}/${repo}/issues/comments/${c.id}`,
    html_url: `https://github.example.invalid/${owner}/${repo}/pull/${issue}#issuecomment-${c.id}`,
    issue_url: `${base}/repos/${owner}/${repo}/issues/${issue}`,
    body: c.body,
    user: userObject(base, c.login, idOf(c.login), c.type),
    created_at: c.created_at,
    updated_at: c.updated_at,
    author_association: 'NONE',
  });

  const server: Server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      violations.push(`stand-in failure: ${error instanceof Error ? error.stack : String(error)}`);
      if (!res.headersSent) res.writeHead(500).end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const method = (req.method ?? 'GET').toLowerCase();
    seen.push(raw, String(req.headers.authorization ?? ''));
    const answer = (status: number, body: unknown, operation?: Operation, label = `${req.method} ${url.pathname}`) => {
      requests.push(`${label} -> ${status}`);
      if (operation !== undefined && status < 300) {
        const response = operation.responses[String(status)];
        const schema = response && !('$ref' in response) ? response.content?.['application/json']?.schema : undefined;
        if (schema === undefined && body !== null) violations.push(`${label}: the description has no ${status} JSON response`);
        if (schema !== undefined) {
          const validate = validatorFor(`${operation.operationId} ${status}`, schema);
          if (!validate(body)) violations.push(`${label}: the stand-in's answer does not fit the response schema: ${JSON.stringify(validate.errors?.slice(0, 3))}`);
        }
      }
      const text = body === null ? '' : JSON.stringify(body);
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'x-ratelimit-remaining': '4999', 'x-ratelimit-limit': '5000', 'x-github-request-id': `REQ${nextId++}` });
      res.end(text);
    };
    const refuse = (why: string, status = 400) => {
      violations.push(`${req.method} ${url.pathname}${url.search}: ${why}`);
      answer(status, { message: why, documentation_url: 'https://docs.github.com/rest' });
    };

    // 1. The operation, its path and query parameters.
    const route = routes.find((r) => r.regex.test(url.pathname) && spec.paths[r.template]?.[method] !== undefined);
    if (route === undefined) return refuse(`no operation ${req.method} ${url.pathname} in GitHub's description`, 404);
    const operation = spec.paths[route.template]![method]!;
    const match = route.regex.exec(url.pathname)!;
    const pathValues = Object.fromEntries(route.names.map((n, i) => [n, decodeURIComponent(match[i + 1]!)]));
    const parameters = [...(operation.parameters ?? [])].map(resolveParameter);
    for (const p of parameters.filter((x) => x.in === 'path' || x.in === 'query')) {
      const value = p.in === 'path' ? pathValues[p.name] : url.searchParams.get(p.name);
      if (value === undefined || value === null) {
        if (p.required === true) return refuse(`required ${p.in} parameter ${p.name} is missing`);
        continue;
      }
      if (p.schema !== undefined) {
        const validate = validatorFor(`${operation.operationId} param ${p.name}`, p.schema);
        if (!validate(coerce(value, p.schema))) return refuse(`${p.in} parameter ${p.name}=${JSON.stringify(value)} does not fit its schema: ${JSON.stringify(validate.errors?.slice(0, 2))}`);
      }
    }
    for (const name of url.searchParams.keys()) {
      if (!parameters.some((p) => p.in === 'query' && p.name === name)) return refuse(`query parameter ${name} is not in the description`);
    }
    // 2. The request body.
    let body: Record<string, unknown> = {};
    const bodySchema = operation.requestBody?.content['application/json']?.schema;
    if (raw !== '') {
      if (bodySchema === undefined) return refuse('a body was sent to an operation that takes none');
      try {
        body = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        return refuse('the body is not JSON');
      }
      const validate = validatorFor(`${operation.operationId} body`, bodySchema);
      if (!validate(body)) return refuse(`the body does not fit the request schema: ${JSON.stringify(validate.errors?.slice(0, 3))}`);
    } else if (operation.requestBody?.required === true) {
      return refuse('the operation requires a body');
    }
    const label = `${req.method} ${route.template}`;
    const fault = faults.find((f) => f.route === label && f.count > 0);
    if (fault !== undefined) {
      fault.count -= 1;
      requests.push(`${label} -> ${fault.status} (injected)`);
      res.writeHead(fault.status, { 'content-type': 'application/json' }).end(JSON.stringify({ message: 'injected failure' }));
      return;
    }

    // 3. Authentication.
    const auth = String(req.headers.authorization ?? '');
    const bearer = /^(?:token|bearer) (.+)$/i.exec(auth)?.[1] ?? '';
    const isJwt = bearer.split('.').length === 3 && options.app !== undefined && jwtIssuer(bearer) === String(options.app.id);
    const appRoute = route.template === '/app' || route.template.startsWith('/app/') || route.template === '/repos/{owner}/{repo}/installation';
    if (appRoute ? !isJwt : !(bearer === options.token || installationTokens.has(bearer))) {
      requests.push(`${label} -> 401`);
      res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' }));
      return;
    }
    const actor = installationTokens.has(bearer) && options.app ? { login: `${options.app.slug}[bot]`, type: 'Bot' as const } : { login: options.login ?? 'clientsync-bot', type: 'User' as const };

    // 4. The modelled operations.
    const { owner = '', repo = '' } = pathValues;
    const now = NOW();
    switch (operation.operationId) {
      case 'users/get-authenticated':
        return answer(200, {
          ...userObject(base, actor.login, idOf(actor.login), 'User'),
          user_view_type: 'public',
          name: null, company: null, blog: null, location: null, email: null, hireable: null, bio: null,
          public_repos: 0, public_gists: 0, followers: 0, following: 0, created_at: '2020-01-01T00:00:00Z', updated_at: '2020-01-01T00:00:00Z',
        }, operation, label);
      case 'apps/get-authenticated': {
        const app = options.app!;
        return answer(200, {
          id: app.id, slug: app.slug, node_id: `A_${app.id}`, client_id: `Iv1.${app.id}`, owner: userObject(base, 'example-org', 42, 'User'), name: app.slug, description: null,
          external_url: 'https://clientsync.example.invalid', html_url: `https://github.example.invalid/apps/${app.slug}`, created_at: '2020-01-01T00:00:00Z', updated_at: '2020-01-01T00:00:00Z',
          permissions: { pull_requests: 'write', statuses: 'write', contents: 'read' }, events: ['pull_request', 'push'],
        }, operation, label);
      }
      case 'apps/get-repo-installation':
      case 'apps/create-installation-access-token': {
        const app = options.app!;
        if (operation.operationId === 'apps/create-installation-access-token') {
          if (Number(pathValues['installation_id']) !== app.installationId) return answer(404, { message: 'Not Found', documentation_url: '' });
          const token = `ghs_standin${nextId++}`;
          installationTokens.add(token);
          return answer(201, { token, expires_at: new Date(Date.now() + 3_600_000).toISOString().replace(/\.\d{3}Z$/, 'Z'), permissions: { pull_requests: 'write', statuses: 'write', contents: 'read' }, repository_selection: 'all' }, operation, label);
        }
        return answer(200, {
          id: app.installationId, app_id: app.id, app_slug: app.slug, target_id: 42, target_type: 'Organization', single_file_name: null, repository_selection: 'all',
          access_tokens_url: `${base}/app/installations/${app.installationId}/access_tokens`, html_url: `https://github.example.invalid/settings/installations/${app.installationId}`,
          repositories_url: `${base}/installation/repositories`, events: ['pull_request', 'push'], account: userObject(base, owner, 42, 'User'),
          permissions: { pull_requests: 'write', statuses: 'write', contents: 'read' }, created_at: '2020-01-01T00:00:00Z', updated_at: '2020-01-01T00:00:00Z', suspended_by: null, suspended_at: null,
        }, operation, label);
      }
      case 'issues/list-comments': {
        const all = commentsOf(owner, repo, Number(pathValues['issue_number']));
        const perPage = Number(url.searchParams.get('per_page') ?? 30);
        const page = Number(url.searchParams.get('page') ?? 1);
        const slice = all.slice((page - 1) * perPage, page * perPage);
        if (page * perPage < all.length) {
          const next = new URL(url.toString().replace('http://stand-in', base));
          next.searchParams.set('page', String(page + 1));
          res.setHeader('link', `<${next.toString()}>; rel="next"`);
        }
        return answer(200, slice.map((c) => commentJson(owner, repo, Number(pathValues['issue_number']), c)), operation, label);
      }
      case 'issues/create-comment': {
        const text = String(body['body']);
        if (text.length >= 65_536) return answer(422, { message: 'Validation Failed', errors: [{ resource: 'IssueComment', code: 'custom', field: 'body', message: 'body is too long (maximum is 65536 characters)' }], documentation_url: '' });
        const issue = Number(pathValues['issue_number']);
        const c: StandInComment = { id: nextId++, body: text, login: actor.login, type: actor.type, created_at: now, updated_at: now };
        commentsOf(owner, repo, issue).push(c);
        return answer(201, commentJson(owner, repo, issue, c), operation, label);
      }
      case 'issues/update-comment': {
        const id = Number(pathValues['comment_id']);
        for (const [key, list] of comments) {
          const c = list.find((x) => x.id === id);
          if (c === undefined || !key.startsWith(`${owner}/${repo}#`.toLowerCase())) continue;
          if (c.login !== actor.login) return answer(403, { message: 'Must have admin rights to Repository.', documentation_url: '' });
          const text = String(body['body']);
          if (text.length >= 65_536) return answer(422, { message: 'Validation Failed', documentation_url: '' });
          c.body = text;
          c.updated_at = now;
          return answer(200, commentJson(owner, repo, Number(key.split('#')[1]), c), operation, label);
        }
        return answer(404, { message: 'Not Found', documentation_url: '' });
      }
      case 'repos/create-commit-status': {
        const description = (body['description'] as string | null | undefined) ?? null;
        if (description !== null && description.length > 140) {
          return answer(422, { message: 'Validation Failed', errors: [{ resource: 'Status', code: 'custom', field: 'description', message: 'description is too long (maximum is 140 characters)' }], documentation_url: '' });
        }
        const key = `${owner}/${repo}`.toLowerCase();
        const entry: StandInStatus = { sha: pathValues['sha']!, state: String(body['state']), context: String(body['context'] ?? 'default'), description, at: Date.now() };
        statuses.set(key, [...(statuses.get(key) ?? []), entry]);
        return answer(201, {
          url: `${base}/repos/${owner}/${repo}/statuses/${entry.sha}`, avatar_url: null, id: nextId++, node_id: `SC_${nextId}`, state: entry.state, description,
          target_url: (body['target_url'] as string | undefined) ?? null, context: entry.context, created_at: now, updated_at: now, creator: userObject(base, actor.login, idOf(actor.login), actor.type),
        }, operation, label);
      }
      default:
        return refuse(`the stand-in does not model ${operation.operationId}`, 501);
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    violations,
    requests,
    seen,
    comments: (owner, repo, issue) => commentsOf(owner, repo, issue),
    addComment(owner, repo, issue, login, body) {
      const now = NOW();
      const c: StandInComment = { id: nextId++, body, login, type: 'User', created_at: now, updated_at: now };
      commentsOf(owner, repo, issue).push(c);
      return c;
    },
    statuses: (owner, repo) => statuses.get(`${owner}/${repo}`.toLowerCase()) ?? [],
    failNext(route, status, count = 1) {
      faults.push({ route, status, count });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * OpenAPI 3.0's `nullable: true` on a schema without `type` (beside a $ref, allOf or oneOf) is
 * not JSON Schema; Ajv takes `nullable` only next to `type`. Such schemas become
 * `anyOf: [schema, {type: null}]`, which means the same.
 */
function openApiNullable<T>(node: T): T {
  if (Array.isArray(node)) return node.map(openApiNullable) as T;
  if (typeof node !== 'object' || node === null) return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) out[k] = openApiNullable(v);
  if (out['nullable'] === true && out['type'] === undefined) {
    delete out['nullable'];
    return { anyOf: [out, { type: 'null' }] } as T;
  }
  return out as T;
}

function jwtIssuer(jwt: string): string | null {
  try {
    const payload = JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8')) as { iss?: unknown };
    return payload.iss === undefined ? null : String(payload.iss);
  } catch {
    return null;
  }
}
