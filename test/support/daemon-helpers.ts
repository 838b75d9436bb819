// Fakes for the daemon's unit tests: a manual clock, a memory logger, a schedule ticked by hand,
// and a source over a folder written on the fly. Test-only (under test/, so never in the build).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Clock } from '../../src/daemon/clock.js';
import type { Checkout, DesiredSource } from '../../src/daemon/git-source.js';
import type { DaemonLogger } from '../../src/daemon/logger.js';
import type { Schedule } from '../../src/daemon/schedule.js';

export class FakeClock implements Clock {
  #now: number;
  #timers: { at: number; fn: () => void; id: number }[] = [];
  #nextId = 1;

  constructor(start = Date.parse('2026-03-01T12:00:00Z')) {
    this.#now = start;
  }

  now(): Date {
    return new Date(this.#now);
  }

  setTimer(fn: () => void, ms: number): () => void {
    const id = this.#nextId++;
    this.#timers.push({ at: this.#now + ms, fn, id });
    return () => {
      this.#timers = this.#timers.filter((t) => t.id !== id);
    };
  }

  get pendingTimers(): number {
    return this.#timers.length;
  }

  /** Moves time forward, firing due timers in order, letting promises settle in between. */
  async advance(ms: number): Promise<void> {
    const end = this.#now + ms;
    for (;;) {
      await flush();
      const due = this.#timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      this.#timers = this.#timers.filter((t) => t.id !== due.id);
      this.#now = Math.max(this.#now, due.at);
      due.fn();
    }
    this.#now = end;
    await flush();
  }
}

/** Lets pending promise callbacks run. */
export async function flush(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

export interface LogEntry {
  readonly level: 'info' | 'warn' | 'error' | 'debug';
  readonly msg: string;
  readonly fields: Record<string, unknown>;
}

export class MemoryLogger implements DaemonLogger {
  readonly entries: LogEntry[] = [];
  #log(level: LogEntry['level']) {
    return (fields: unknown, msg?: string): void => {
      this.entries.push({ level, msg: msg ?? '', fields: (fields ?? {}) as Record<string, unknown> });
    };
  }
  info = this.#log('info') as DaemonLogger['info'];
  warn = this.#log('warn') as DaemonLogger['warn'];
  error = this.#log('error') as DaemonLogger['error'];
  debug = this.#log('debug') as DaemonLogger['debug'];
  messages(): string[] {
    return this.entries.map((e) => e.msg);
  }
}

export class ManualSchedule implements Schedule {
  readonly expression = '(manual)';
  #onTick: (() => void) | null = null;
  constructor(readonly intervalMs = 60_000) {}
  start(onTick: () => void): void {
    this.#onTick = onTick;
  }
  async stop(): Promise<void> {
    this.#onTick = null;
  }
  nextRun(): Date | null {
    return null;
  }
  tick(): void {
    this.#onTick?.();
  }
}

const folders: string[] = [];

/** A folder laid out like a clientsync repository; `write` changes it, `source` reads it. */
export function fakeRepository(files: Record<string, string>): { dir: string; write(files: Record<string, string | null>): void; source: DesiredSource & { failWith: Error | null } } {
  const dir = mkdtempSync(join(tmpdir(), 'clientsync-daemon-unit-'));
  folders.push(dir);
  const write = (changes: Record<string, string | null>) => {
    for (const [path, content] of Object.entries(changes)) {
      const full = join(dir, path);
      if (content === null) rmSync(full, { force: true });
      else {
        mkdirSync(dirname(full), { recursive: true });
        writeFileSync(full, content);
      }
    }
  };
  write(files);
  let revision = 0;
  const source = {
    description: { kind: 'fake', dir },
    branch: 'main',
    failWith: null as Error | null,
    async checkout(): Promise<Checkout> {
      if (source.failWith) throw source.failWith;
      revision += 1;
      return { dir, revision: revision.toString(16).padStart(40, '0') };
    },
  };
  return { dir, write, source };
}

export function removeFakeRepositories(): void {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
}
