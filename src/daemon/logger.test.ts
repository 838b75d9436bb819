import { describe, expect, it } from 'vitest';
import { createLogger, formatPretty, logSettingsFromEnv, scrubber } from './logger.js';

function capture() {
  const lines: string[] = [];
  return { lines, destination: { write: (chunk: string) => void lines.push(chunk) } };
}

describe('daemon logger', () => {
  it('writes one JSON object per line with level, time, name and the fields', () => {
    const out = capture();
    createLogger({ destination: out.destination }).info({ runId: 3, outcome: 'success' }, 'run finished');
    const record = JSON.parse(out.lines[0]!) as Record<string, unknown>;
    expect(record).toMatchObject({ level: 'info', name: 'clientsync', msg: 'run finished', runId: 3, outcome: 'success' });
    expect(typeof record['time']).toBe('string');
  });

  it('redacts fields that may hold secrets, at any depth it is told about', () => {
    const out = capture();
    const logger = createLogger({ destination: out.destination });
    logger.info({ secret: 's1-value', token: 't-value', headers: { authorization: 'Bearer abc', 'x-hub-signature-256': 'sha256=00' }, creds: { password: 'pw-value', clientSecret: 'cs-value' } }, 'x');
    const line = out.lines.join('');
    for (const value of ['s1-value', 't-value', 'Bearer abc', 'sha256=00', 'pw-value', 'cs-value']) expect(line).not.toContain(value);
    expect(line).toContain('[REDACTED]');
  });

  it('scrubs known secret values wherever they appear, JSON-escaped too', () => {
    const out = capture();
    const logger = createLogger({ destination: out.destination, secrets: ['kc-secret-123', 'quote"secret\\x', undefined, 'abc'] });
    logger.error({ err: { message: 'login failed for kc-secret-123' }, other: 'quote"secret\\x' }, 'failed with kc-secret-123');
    const line = out.lines.join('');
    expect(line).not.toContain('kc-secret-123');
    expect(line).not.toContain('quote\\"secret\\\\x');
    expect(line.match(/\[REDACTED\]/g)).toHaveLength(3);
    expect(scrubber(['abc'])('abc')).toBe('abc'); // too short to scrub without mangling words
  });

  it('honours LOG_LEVEL and refuses unknown levels and formats', () => {
    const out = capture();
    const logger = createLogger({ destination: out.destination, level: 'warn' });
    logger.info({}, 'hidden');
    logger.warn({}, 'shown');
    expect(out.lines).toHaveLength(1);
    expect(logSettingsFromEnv({})).toEqual({ level: 'info', format: 'json' });
    expect(logSettingsFromEnv({ LOG_LEVEL: 'DEBUG', LOG_FORMAT: 'pretty' })).toEqual({ level: 'debug', format: 'pretty' });
    expect(logSettingsFromEnv({ LOG_LEVEL: 'verbose' })).toMatch(/LOG_LEVEL must be one of/);
    expect(logSettingsFromEnv({ LOG_FORMAT: 'xml' })).toMatch(/LOG_FORMAT must be json or pretty/);
    expect(logSettingsFromEnv({}, 'pretty')).toEqual({ level: 'info', format: 'pretty' });
  });

  it('pretty output is one readable line per record, still scrubbed', () => {
    const out = capture();
    createLogger({ destination: out.destination, format: 'pretty', secrets: ['hidden-value'] }).warn({ runId: 2, note: 'two words hidden-value' }, 'run finished');
    expect(out.lines).toHaveLength(1);
    expect(out.lines[0]).toMatch(/^\d\d:\d\d:\d\d WARN {2}run finished runId=2 note="two words \[REDACTED\]"\n$/);
    expect(formatPretty('not json')).toBe('not json');
  });
});
