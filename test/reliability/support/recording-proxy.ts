// An HTTP proxy in front of Keycloak (here: the emulator) that records every request with the
// status Keycloak answered, and can call a hook when the n-th request arrives (the crash suite
// kills the CLI there). A request that arrived whole is always forwarded, even when the process
// that sent it is gone by then: as on a real network, the server acts on it and the answer is lost.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Recorded {
  /** Arrival order, from 1, over the proxy's whole life. */
  readonly seq: number;
  readonly method: string;
  readonly path: string;
  readonly body: string;
  /** Keycloak's status, or 0 when no answer came. */
  status: number;
}

export interface RecordingProxy {
  readonly url: string;
  readonly log: readonly Recorded[];
  /** Requests received so far (the seq of the last one). */
  readonly received: number;
  /** Calls `hook` once when the request with this arrival number (seq) comes in. */
  onRequest(seq: number, hook: () => void): void;
  /** Forgets hooks that have not fired. */
  clearHooks(): void;
  /** Resolves when every request received so far has been answered by Keycloak. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
    req.on('aborted', () => reject(new Error('aborted')));
  });
}

export async function startRecordingProxy(target: string): Promise<RecordingProxy> {
  const log: Recorded[] = [];
  const hooks = new Map<number, () => void>();
  const pending = new Set<Promise<void>>();
  let seq = 0;
  const server: Server = createServer((req, res) => {
    const mine = ++seq;
    const hook = hooks.get(mine);
    if (hook) {
      hooks.delete(mine);
      hook();
    }
    const work = (async () => {
      let body: Buffer;
      try {
        body = await readBody(req);
      } catch {
        return; // the sender died before the request was complete: nothing reached Keycloak
      }
      const entry: Recorded = { seq: mine, method: req.method ?? 'GET', path: req.url ?? '/', body: body.toString('utf8'), status: 0 };
      log.push(entry);
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string' && k !== 'host' && k !== 'connection' && k !== 'content-length') headers[k] = v;
      try {
        const response = await fetch(`${target}${entry.path}`, {
          method: entry.method,
          headers,
          ...(body.length > 0 ? { body: new Uint8Array(body) } : {}),
          redirect: 'manual',
        });
        entry.status = response.status;
        const payload = Buffer.from(await response.arrayBuffer());
        const out: Record<string, string> = {};
        response.headers.forEach((value, key) => {
          if (key !== 'content-length' && key !== 'transfer-encoding' && key !== 'connection' && key !== 'keep-alive') out[key] = value;
        });
        if (!res.destroyed) {
          res.writeHead(response.status, { ...out, 'content-length': String(payload.length) });
          res.end(payload);
        }
      } catch {
        if (!res.destroyed) res.destroy();
      }
    })();
    pending.add(work);
    void work.finally(() => pending.delete(work));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    log,
    get received() {
      return seq;
    },
    onRequest(at, hook) {
      hooks.set(at, hook);
    },
    clearHooks() {
      hooks.clear();
    },
    async settled() {
      while (pending.size > 0) await Promise.all([...pending]);
    },
    close() {
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
