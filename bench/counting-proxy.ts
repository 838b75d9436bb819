// A lean HTTP proxy between a tool and Keycloak that counts requests (total and by method and
// route, ids folded into {id}); bodies are streamed, never kept. The bench reads and resets
// the counts around each scenario, so request counts are measured, not estimated. Its own CPU
// cost is the same for every tool (they all go through it).
import { Agent, createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CountingProxy {
  readonly url: string;
  /** Requests since the last reset. */
  count(): number;
  byRoute(): Record<string, number>;
  reset(): void;
  close(): Promise<void>;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

export function routeOf(method: string, url: string): string {
  const path = url.replace(/\?.*$/, '').replace(UUID, '{id}').replace(/\/realms\/[^/]+/, '/realms/{realm}').replace(/\/$/, '');
  return `${method} ${path}`;
}

export async function startCountingProxy(target: string): Promise<CountingProxy> {
  const upstream = new URL(target);
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  let total = 0;
  let routes = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    total++;
    const route = routeOf(req.method ?? 'GET', req.url ?? '/');
    routes.set(route, (routes.get(route) ?? 0) + 1);
    const headers = { ...req.headers, host: upstream.host };
    const out = request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers, agent },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    out.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(out);
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    count: () => total,
    byRoute: () => Object.fromEntries([...routes].sort()),
    reset() {
      total = 0;
      routes = new Map();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        agent.destroy();
      }),
  };
}
