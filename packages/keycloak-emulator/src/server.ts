// The HTTP front: one request goes through path normalization, the /_emulator/ control routes,
// counting by route template, fault injection, bearer authentication for /admin/, the route's
// handler, and a boundary that turns anything unexpected into Keycloak's 500 answer, so the
// server never crashes on input.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { addClientScopeRoutes } from './admin-client-scopes.js';
import { addClientRoutes, type AdminHandler } from './admin-clients.js';
import { addRealmRoutes } from './admin-realms.js';
import { addUserRoutes } from './admin-users.js';
import { addControlRoutes, type ControlHandler } from './control.js';
import { KeycloakError, methodNotAllowed, notFound, oauthError, serverError, webError } from './errors.js';
import { decideFault, delayFor } from './faults.js';
import type { Reply, Request } from './http-io.js';
import { Router } from './router.js';
import { authenticate, type EmulatorState } from './state.js';
import { tokenEndpoint } from './token-endpoint.js';
import { clientIdOf, notModelled, unmodelledEndpoint } from './unmodelled.js';

type PublicHandler = (state: EmulatorState, req: Request) => Reply;

const MAX_BODY_BYTES = 10 * 1024 * 1024;
const JSON_TYPE = 'application/json;charset=UTF-8';

interface Routers {
  readonly admin: Router<AdminHandler>;
  readonly public: Router<PublicHandler>;
  readonly control: Router<ControlHandler>;
}

function routers(): Routers {
  const admin = new Router<AdminHandler>();
  addRealmRoutes(admin);
  addClientRoutes(admin);
  addClientScopeRoutes(admin);
  addUserRoutes(admin);
  const publicRoutes = new Router<PublicHandler>().add('POST', '/realms/{realm}/protocol/openid-connect/token', tokenEndpoint);
  const control = new Router<ControlHandler>();
  addControlRoutes(control);
  return { admin, public: publicRoutes, control };
}

export function createEmulatorServer(state: EmulatorState): Server {
  const r = routers();
  return createServer((req, res) => {
    handle(state, r, req, res).catch(() => {
      // A failure while writing the answer: the connection is all that is left to close.
      res.destroy();
    });
  });
}

/** Keycloak refuses paths that are not normalized ("//", "/./", encoded unreserved characters). */
function notNormalized(path: string): boolean {
  return /\/\//.test(path) || /(^|\/)\.\.?(\/|$)/.test(path) || /%(?:[46][1-9A-Fa-f]|[57][0-9Aa]|3[0-9]|2[DdEe]|5[Ff]|7[Ee])/.test(path);
}

function segmentsOf(path: string): string[] | null {
  const trimmed = path.length > 1 ? path.replace(/\/+$/, '') : path;
  try {
    return trimmed.split('/').slice(1).map(decodeURIComponent);
  } catch {
    return null;
  }
}

const EMPTY = Buffer.alloc(0);

async function readBody(req: IncomingMessage): Promise<Buffer> {
  if (req.headers['content-length'] === undefined && req.headers['transfer-encoding'] === undefined) return EMPTY;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw webError(413, 'HTTP 413 Request Entity Too Large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function handle(state: EmulatorState, r: Routers, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const method = req.method ?? 'GET';
  let reply: Reply;
  try {
    reply = await dispatch(state, r, method, req, res);
  } catch (error) {
    reply = error instanceof KeycloakError ? errorReply(error) : errorReply(serverError());
  }
  if (res.destroyed) return;
  try {
    write(res, method, reply);
  } catch {
    // An answer that cannot be serialized is a bug here: Keycloak's 500, not a dropped connection.
    if (!res.headersSent) write(res, method, errorReply(serverError()));
    else res.destroy();
  }
}

function errorReply(error: KeycloakError): Reply {
  return { status: error.status, json: error.body, headers: { 'content-type': 'application/json', ...error.headers } };
}

async function dispatch(state: EmulatorState, r: Routers, method: string, req: IncomingMessage, res: ServerResponse): Promise<Reply> {
  const host = req.headers.host ?? 'localhost';
  const url = new URL(req.url ?? '/', `http://${host}`);
  const path = url.pathname;
  const body = await readBody(req);
  const segments = notNormalized((req.url ?? '/').split('?')[0] ?? '/') ? null : segmentsOf(path);
  const base = { method, path, query: url.searchParams, headers: req.headers, body, baseUrl: `http://${host}` };

  if (path.startsWith('/_emulator/') || path === '/_emulator') {
    const found = segments ? r.control.lookup(method, segments) : { kind: 'not-found' as const };
    if (found.kind === 'found') return found.handler(state, { ...base, params: found.params });
    throw found.kind === 'method-not-allowed' ? methodNotAllowed() : notFound();
  }

  const isAdmin = path.startsWith('/admin/');
  const adminLookup = segments && isAdmin ? r.admin.lookup(method, segments) : null;
  const publicLookup = segments && !isAdmin ? r.public.lookup(method, segments) : null;
  const lookup = adminLookup ?? publicLookup;
  state.counters.count(lookup?.kind === 'found' ? lookup.template : `${method} (unmatched)`);

  const delay = delayFor(state.faults, state.random);
  if (delay > 0) await sleep(delay);
  const fault = decideFault(state.faults, state.random);
  if (fault !== 'pass') state.counters.fault(fault);
  if (fault === 'drop') {
    res.destroy();
    return { status: 0 };
  }
  if (fault === 'throttle') {
    throw new KeycloakError(429, { error: 'HTTP 429 Too Many Requests' }, { 'retry-after': '1', 'x-emulator-fault': 'throttle' });
  }
  if (fault === 'error') {
    throw new KeycloakError(500, serverError().body, { 'x-emulator-fault': 'error' });
  }

  if (segments === null) throw oauthError(400, 'missingNormalization', 'Request path not normalized');
  if (method === 'OPTIONS' && lookup && lookup.kind !== 'not-found') return { status: 200 };

  if (isAdmin && adminLookup) {
    const identity = authenticate(state, { ...base, params: {} });
    if (adminLookup.kind === 'found') return adminLookup.handler(state, { ...base, params: adminLookup.params, identity });
    // The realm is looked up before the rest of the path.
    if (segments[0] === 'admin' && segments[1] === 'realms' && segments.length > 2 && !state.store.realmExists(segments[2] ?? '')) {
      throw notFound('Realm not found.');
    }
    // A Keycloak endpoint the emulator does not model: 501 naming it, never a 404 that reads as
    // "nothing there" (the client of a client sub-resource is looked up first, as in Keycloak).
    const unmodelled = unmodelledEndpoint(method, segments, adminLookup.kind === 'method-not-allowed');
    if (unmodelled !== null) {
      const clientId = clientIdOf(segments);
      if (clientId !== null && !state.store.realm(segments[2] ?? '')?.clients.has(clientId)) throw notFound('Could not find client');
      throw notModelled(`the endpoint ${unmodelled}`);
    }
    throw adminLookup.kind === 'method-not-allowed' ? methodNotAllowed() : notFound();
  }
  if (publicLookup?.kind === 'found') return publicLookup.handler(state, { ...base, params: publicLookup.params });
  if (publicLookup?.kind === 'method-not-allowed') throw methodNotAllowed();
  if (segments[0] === 'realms' && segments.length > 1 && !state.store.realmExists(segments[1] ?? '')) {
    throw notFound('Realm does not exist');
  }
  throw notFound(segments[0] === 'realms' || isAdmin ? 'HTTP 404 Not Found' : 'Unable to find matching target resource method');
}

function write(res: ServerResponse, method: string, reply: Reply): void {
  const headers: Record<string, string> = { ...reply.headers };
  // A Buffer, not a string: Node writes a multi-megabyte string (a full client list) far slower.
  let payload: Buffer | undefined;
  const json = reply.json !== undefined ? JSON.stringify(reply.json) : reply.jsonText;
  if (json !== undefined) {
    payload = Buffer.from(json, 'utf8');
    headers['content-type'] ??= JSON_TYPE;
    if (method === 'GET' && reply.status === 200) headers['cache-control'] ??= 'no-cache';
  } else if (reply.text !== undefined) {
    payload = Buffer.from(reply.text, 'utf8');
  }
  if (payload !== undefined) headers['content-length'] = String(payload.length);
  else if (reply.status !== 204 && reply.status !== 304) headers['content-length'] = '0';
  res.writeHead(reply.status, headers);
  res.end(payload);
}
