// Maps "METHOD /path" to a handler and the route template it matched. Templates use {name}
// placeholders for one path segment; literal segments win over placeholders. The template is
// also the key of the request counters (GET /_emulator/stats).

export interface RouteMatch<H> {
  readonly kind: 'found';
  readonly handler: H;
  readonly template: string;
  readonly params: Readonly<Record<string, string>>;
}

export type Lookup<H> = RouteMatch<H> | { readonly kind: 'method-not-allowed' } | { readonly kind: 'not-found' };

interface Route<H> {
  readonly method: string;
  readonly template: string;
  readonly segments: readonly string[];
  readonly handler: H;
}

export class Router<H> {
  readonly #routes: Route<H>[] = [];

  add(method: string, template: string, handler: H): this {
    this.#routes.push({ method, template, segments: template.split('/').slice(1), handler });
    // More literal segments first, so /clients/{id}/client-secret never loses to a placeholder.
    this.#routes.sort((a, b) => literalScore(b) - literalScore(a));
    return this;
  }

  /** `segments` are the decoded path segments (no leading empty one, no trailing slash). */
  lookup(method: string, segments: readonly string[]): Lookup<H> {
    let pathMatched = false;
    for (const route of this.#routes) {
      const params = match(route.segments, segments);
      if (!params) continue;
      if (route.method === method || (method === 'HEAD' && route.method === 'GET')) {
        return { kind: 'found', handler: route.handler, template: `${route.method} ${route.template}`, params };
      }
      pathMatched = true;
    }
    return pathMatched ? { kind: 'method-not-allowed' } : { kind: 'not-found' };
  }
}

function literalScore(route: Route<unknown>): number {
  return route.segments.reduce((n, s, i) => n + (s.startsWith('{') ? 0 : 2 ** (16 - Math.min(i, 16))), 0);
}

function match(template: readonly string[], segments: readonly string[]): Record<string, string> | null {
  if (template.length !== segments.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < template.length; i++) {
    const t = template[i] as string;
    const s = segments[i] as string;
    if (t.startsWith('{')) {
      if (s === '') return null;
      params[t.slice(1, -1)] = s;
    } else if (t !== s) return null;
  }
  return params;
}
