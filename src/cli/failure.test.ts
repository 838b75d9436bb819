import { describe, expect, it } from 'vitest';
import { KeycloakRefusedError, KeycloakUnavailableError, UsageError } from '../model/errors.js';
import { SettingsInvalidError } from '../sync/settings-error.js';
import type { CliIo } from './command.js';
import { EXIT_CODE, failureKind, reportError, reportRefusal } from './failure.js';

function io(env: Record<string, string> = {}): CliIo & { err: () => string } {
  let err = '';
  return { stdout: { write: () => true }, stderr: { write: (t: string) => (err += t) }, env, cwd: '/', err: () => err };
}

const validation: SettingsInvalidError['validation'] = { problems: [], fileCount: 0, clientCount: 0, desired: null };

describe('the CLI failure mapping', () => {
  it('maps each error kind to its exit code and one line naming the command', () => {
    const cases: [unknown, string, number][] = [
      [new UsageError('--port must be a number'), 'usage', 64],
      [new SettingsInvalidError(validation), 'invalid-settings', 1],
      [new KeycloakUnavailableError('Keycloak did not answer', null), 'keycloak-unavailable', 1],
      [new KeycloakRefusedError('Keycloak refused: 403', 403, null), 'keycloak-refused', 1],
      [new Error('boom'), 'internal', 1],
      ['a string', 'internal', 1],
    ];
    for (const [error, kind, code] of cases) {
      const out = io();
      expect(failureKind(error)).toBe(kind);
      expect(reportError('plan', error, out)).toBe(code);
      expect(out.err()).toMatch(/clientsync plan: /);
    }
  });

  it('says "unexpected error" for our bugs, with the stack only under CLIENTSYNC_DEBUG', () => {
    const quiet = io();
    reportError('apply', new Error('boom'), quiet);
    expect(quiet.err()).toBe('clientsync apply: unexpected error: boom\n');
    const debug = io({ CLIENTSYNC_DEBUG: '1' });
    reportError('apply', new Error('boom'), debug);
    expect(debug.err()).toContain('at ');
  });

  it('refusals exit 1 with their message', () => {
    const out = io();
    expect(reportRefusal('apply', 'Refusing to apply: …; run again with --allow-empty.', out)).toBe(1);
    expect(out.err()).toBe('clientsync apply: Refusing to apply: …; run again with --allow-empty.\n');
    expect(EXIT_CODE.refused).toBe(1);
  });
});
