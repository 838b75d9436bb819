// Temporary folders laid out like a clientsync repository, removed after each test file.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll } from 'vitest';

export const SETTINGS = `realm: insights
scopes:
  datahub-api: Query the API.
  push-data: Send datapoints.
`;

const made: string[] = [];
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Creates a folder with the given files (path → content); clientsync.yaml defaults to SETTINGS. */
export function tempRepo(files: Record<string, string | Uint8Array | null>): string {
  const dir = mkdtempSync(join(tmpdir(), 'clientsync-test-'));
  made.push(dir);
  const all: Record<string, string | Uint8Array | null> = { 'clientsync.yaml': SETTINGS, ...files };
  for (const [path, content] of Object.entries(all)) {
    if (content === null) continue;
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}
