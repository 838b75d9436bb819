// The daemon's HTTP surface (node:http): health, readiness, status, metrics, and the GitHub
// webhook. Routing and request handling only; what the answers say comes from the daemon.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { DaemonLogger } from './logger.js';
import type { WebhookResult } from './metrics.js';
import type { PullRequestEvent } from '../github/pull-request-event.js';
import type { RecentDeliveries } from './recent-deliveries.js';
import type { TriggerResult } from './run-loop.js';
import { decideWebhook, MAX_WEBHOOK_BODY_BYTES, verifySignature, type WebhookContext } from './webhook.js';
import { PLAIN_ANSWER_HEADERS } from '../shared/answer-headers.js';

/** What asking for a pull request plan did (see PullRequestPlanner.enqueue). */
export interface PlanRequestResult {
  readonly accepted: boolean;
  /** Said in the answer and the log. */
  readonly message: string;
}

export interface HttpHandlers {
  readonly logger: DaemonLogger;
  readiness(): { ready: boolean; reason: string };
  status(): Record<string, unknown>;
  metrics(): Promise<{ contentType: string; body: string }>;
  /** Scrubs known secrets from a response body (a second line of defence). */
  scrub(text: string): string;
  readonly webhook: {
    /** CLIENTSYNC_WEBHOOK_SECRET; null disables the webhook. */
    readonly secret: string | null;
    readonly branch: string | null;
    /** Null while the daemon is stopping. */
    trigger(): TriggerResult | null;
    record(result: WebhookResult): void;
    /** The followed repository and whether pull requests are planned (default: neither). */
    readonly context?: WebhookContext;
    /** Asks for a pull request plan; null while the daemon is stopping. */
    plan?(event: PullRequestEvent): PlanRequestResult | null;
    /** Replay protection: recent deliveries acted on. */
    readonly deliveries?: RecentDeliveries;
  };
  /** The pages and the /status access rule (src/pages/). */
  readonly pages: {
    handle(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
    statusAccess(req: IncomingMessage): { readonly allowed: true } | { readonly allowed: false; readonly status: number; readonly error: string; readonly headers: Record<string, string> };
  };
}

type Route = 'healthz' | 'readyz' | 'status' | 'metrics' | 'webhook';
const ROUTES: Readonly<Record<string, { route: Route; methods: readonly string[] }>> = {
  '/healthz': { route: 'healthz', methods: ['GET', 'HEAD'] },
  '/readyz': { route: 'readyz', methods: ['GET', 'HEAD'] },
  '/status': { route: 'status', methods: ['GET', 'HEAD'] },
  '/metrics': { route: 'metrics', methods: ['GET', 'HEAD'] },
  '/webhook': { route: 'webhook', methods: ['POST'] },
};

export function createDaemonServer(handlers: HttpHandlers): Server {
  const server = createServer((req, res) => {
    handle(handlers, req, res).catch((error: unknown) => {
      handlers.logger.error({ err: error instanceof Error ? { name: error.name, message: error.message } : String(error), path: req.url }, 'HTTP handler failed');
      if (!res.headersSent) send(res, req, 500, { error: 'internal error; see the daemon log' });
      else res.destroy();
    });
  });
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;
  server.keepAliveTimeout = 5_000;
  return server;
}

function send(res: ServerResponse, req: IncomingMessage, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = typeof body === 'string' ? body : `${JSON.stringify(body, null, 2)}\n`;
  res.writeHead(status, {
    'content-type': typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(text),
    ...PLAIN_ANSWER_HEADERS,
    ...headers,
  });
  res.end(req.method === 'HEAD' ? undefined : text);
}

async function handle(h: HttpHandlers, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = (req.url ?? '/').split('?')[0] ?? '/';
  const entry = ROUTES[path];
  if (entry === undefined) {
    if (await h.pages.handle(req, res)) return;
    req.resume();
    send(res, req, 404, { error: `no such endpoint: ${path}; try /, /healthz, /readyz, /status, /metrics or POST /webhook` });
    return;
  }
  if (!entry.methods.includes(req.method ?? '')) {
    req.resume();
    send(res, req, 405, { error: `${req.method ?? '?'} is not allowed on ${path}; use ${entry.methods.join(' or ')}` }, { allow: entry.methods.join(', ') });
    return;
  }
  switch (entry.route) {
    case 'healthz':
      send(res, req, 200, { status: 'ok' });
      return;
    case 'readyz': {
      const readiness = h.readiness();
      send(res, req, readiness.ready ? 200 : 503, readiness);
      return;
    }
    case 'status': {
      const access = h.pages.statusAccess(req);
      if (!access.allowed) {
        send(res, req, access.status, { error: access.error }, access.headers);
        return;
      }
      send(res, req, 200, h.scrub(`${JSON.stringify(h.status(), null, 2)}\n`), { 'content-type': 'application/json; charset=utf-8' });
      return;
    }
    case 'metrics': {
      const { contentType, body } = await h.metrics();
      send(res, req, 200, body, { 'content-type': contentType });
      return;
    }
    case 'webhook':
      await webhook(h, req, res);
      return;
  }
}

/** GitHub's delivery ids are GUIDs; anything of this shape is taken (other senders, tests). */
const DELIVERY_ID = /^[A-Za-z0-9-]{1,100}$/;

type BodyResult = { readonly kind: 'body'; readonly body: Buffer } | { readonly kind: 'too-large' } | { readonly kind: 'aborted' };

/** Reads at most `limit` bytes; beyond that stops keeping data (the rest is drained and dropped). */
function readBody(req: IncomingMessage, limit: number): Promise<BodyResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (result: BodyResult): void => {
      if (done) return;
      done = true;
      resolve(result);
    };
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        chunks.length = 0;
        finish({ kind: 'too-large' });
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => finish({ kind: 'body', body: Buffer.concat(chunks) }));
    req.on('aborted', () => finish({ kind: 'aborted' }));
    req.on('error', () => finish({ kind: 'aborted' }));
  });
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

async function webhook(h: HttpHandlers, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { secret } = h.webhook;
  const delivery = header(req, 'x-github-delivery');
  const event = header(req, 'x-github-event');
  const log = { delivery, event };
  const tooLarge = (): void => {
    h.webhook.record('too-large');
    h.logger.warn({ ...log, limitBytes: MAX_WEBHOOK_BODY_BYTES }, 'webhook refused: body too large');
    send(res, req, 413, { error: `the body is larger than ${MAX_WEBHOOK_BODY_BYTES} bytes` }, { connection: 'close' });
  };
  if (secret === null) {
    req.resume();
    h.webhook.record('disabled');
    send(res, req, 404, { error: 'the webhook is disabled: this daemon has no CLIENTSYNC_WEBHOOK_SECRET; set it (and the same secret in the GitHub webhook) to enable POST /webhook' });
    return;
  }
  const length = Number(header(req, 'content-length') ?? NaN);
  if (Number.isFinite(length) && length > MAX_WEBHOOK_BODY_BYTES) {
    req.resume();
    tooLarge();
    return;
  }
  const read = await readBody(req, MAX_WEBHOOK_BODY_BYTES);
  if (read.kind === 'aborted') return;
  if (read.kind === 'too-large') {
    req.resume();
    tooLarge();
    return;
  }
  if (!verifySignature(secret, read.body, header(req, 'x-hub-signature-256'))) {
    h.webhook.record('unauthorized');
    h.logger.warn(log, 'webhook refused: missing or wrong X-Hub-Signature-256');
    send(res, req, 401, { error: 'missing or wrong X-Hub-Signature-256: sign the body with HMAC-SHA256 under the shared webhook secret' });
    return;
  }
  if (delivery === undefined || !DELIVERY_ID.test(delivery)) {
    h.webhook.record('bad-request');
    h.logger.warn({ event }, 'webhook refused: missing or malformed X-GitHub-Delivery');
    send(res, req, 400, { error: 'X-GitHub-Delivery is missing or malformed: GitHub sends a unique id with every delivery' });
    return;
  }
  const { deliveries } = h.webhook;
  const replay = deliveries?.check(delivery, read.body);
  if (replay !== undefined && replay.kind === 'repeat') {
    h.webhook.record('replayed');
    h.logger.warn({ ...log, sameAs: replay.by }, 'webhook ignored: this delivery was already received');
    send(res, req, 200, { triggered: false, reason: `already received (same ${replay.by}); a delivery is acted on once` });
    return;
  }
  const decision = decideWebhook(event, header(req, 'content-type'), read.body, h.webhook.branch, h.webhook.context);
  // Remembered once acted on (any 2xx below); a 503 while stopping may be redelivered.
  const accepted = (): void => deliveries?.remember(delivery, read.body);
  switch (decision.kind) {
    case 'plan': {
      const result = h.webhook.plan?.(decision.event) ?? null;
      if (result === null) {
        h.webhook.record('stopping');
        send(res, req, 503, { planned: false, error: 'the daemon is stopping' });
        return;
      }
      accepted();
      h.webhook.record(result.accepted ? 'plan-queued' : 'plan-refused');
      const fields = { ...log, pullRequest: decision.event.number, headSha: decision.event.headSha, action: decision.event.action, message: result.message };
      if (result.accepted) h.logger.info(fields, 'webhook accepted: pull request plan queued');
      else h.logger.warn(fields, 'webhook accepted: pull request plan refused');
      send(res, req, 202, { planned: result.accepted, message: result.message });
      return;
    }
    case 'ping':
      accepted();
      h.webhook.record('ping');
      h.logger.info(log, 'webhook ping');
      send(res, req, 200, { triggered: false, message: 'pong: the signature is valid' });
      return;
    case 'ignore':
      accepted();
      h.webhook.record('ignored');
      h.logger.info({ ...log, reason: decision.reason }, 'webhook ignored');
      send(res, req, 200, { triggered: false, reason: decision.reason });
      return;
    case 'bad-request':
      h.webhook.record('bad-request');
      h.logger.warn({ ...log, reason: decision.reason }, 'webhook refused: bad payload');
      send(res, req, 400, { error: decision.reason });
      return;
    case 'trigger': {
      const result = h.webhook.trigger();
      if (result === null || result === 'stopped') {
        h.webhook.record('stopping');
        send(res, req, 503, { triggered: false, error: 'the daemon is stopping' });
        return;
      }
      accepted();
      h.webhook.record('triggered');
      h.logger.info({ ...log, ref: decision.ref, run: result }, 'webhook accepted');
      send(res, req, 202, { triggered: true, run: result });
      return;
    }
  }
}
