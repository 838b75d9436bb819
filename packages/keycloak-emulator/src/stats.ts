// Request counters for GET /_emulator/stats: by route template ("GET /admin/realms/{realm}/clients"),
// never by concrete path, so a test can assert how often clientsync called each endpoint.
// Requests to /_emulator/* are not counted. Faults injected are counted on their own as well.

export interface Stats {
  readonly requests: { readonly total: number; readonly byRoute: Readonly<Record<string, number>> };
  readonly faults: { readonly dropped: number; readonly throttled: number; readonly errors: number };
}

export class Counters {
  #total = 0;
  #byRoute = new Map<string, number>();
  #dropped = 0;
  #throttled = 0;
  #errors = 0;

  count(route: string): void {
    this.#total++;
    this.#byRoute.set(route, (this.#byRoute.get(route) ?? 0) + 1);
  }

  fault(kind: 'drop' | 'throttle' | 'error'): void {
    if (kind === 'drop') this.#dropped++;
    else if (kind === 'throttle') this.#throttled++;
    else this.#errors++;
  }

  reset(): void {
    this.#total = 0;
    this.#byRoute.clear();
    this.#dropped = 0;
    this.#throttled = 0;
    this.#errors = 0;
  }

  snapshot(): Stats {
    const byRoute: Record<string, number> = {};
    for (const key of [...this.#byRoute.keys()].sort()) byRoute[key] = this.#byRoute.get(key) ?? 0;
    return {
      requests: { total: this.#total, byRoute },
      faults: { dropped: this.#dropped, throttled: this.#throttled, errors: this.#errors },
    };
  }
}
