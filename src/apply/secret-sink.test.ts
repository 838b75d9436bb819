import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Secret } from '../keycloak/secret.js';
import { UsageError } from '../model/errors.js';
import { FileSecretSink, parseSecretSink } from './secret-sink.js';

const NOW = new Date('2026-06-01T12:00:00Z');
const now = () => NOW;

describe('parseSecretSink', () => {
  it('gives the no-op sink for no flag and for none', async () => {
    for (const spec of [undefined, 'none']) {
      const sink = parseSecretSink(spec);
      expect(sink.kind).toBe('none');
      await expect(sink.deliver({ realm: 'r', clientId: 'a_b', secret: new Secret('x'), reason: 'create' })).resolves.toBeUndefined();
    }
  });

  it('gives a file sink for file:DIR, resolved against the working directory', () => {
    const sink = parseSecretSink('file:out/secrets');
    expect(sink).toBeInstanceOf(FileSecretSink);
    expect(sink.kind).toBe('file');
    expect((sink as FileSecretSink).dir).toBe(resolve('out/secrets'));
  });

  it.each(['s3:bucket', 'file:', 'file:   ', '', 'File:x', 'file', 'nonE', '/tmp/secrets'])(
    'refuses %j with a one-line usage error naming the accepted forms',
    (spec) => {
      let caught: unknown;
      try {
        parseSecretSink(spec);
      } catch (err) {
        caught = err;
      }
      expect(caught).toBeInstanceOf(UsageError);
      const message = (caught as Error).message;
      expect(message).not.toContain('\n');
      expect(message).toContain('none');
      expect(message).toContain('file:DIR');
    },
  );
});

describe('file sink', () => {
  let base: string;
  beforeEach(async () => {
    base = await mkdtemp(join(tmpdir(), 'clientsync-sink-'));
  });
  afterEach(async () => {
    await rm(base, { recursive: true, force: true });
  });

  it('writes DIR/<clientId>.json with mode 0600, creating DIR with mode 0700, leaving no temp file', async () => {
    const dir = join(base, 'nested', 'secrets');
    const sink = parseSecretSink(`file:${dir}`, { now });
    await sink.deliver({ realm: 'insights', clientId: 'acme_reporting', secret: new Secret('v3ry-s3cret'), reason: 'rotate' });

    expect(await readdir(dir)).toEqual(['acme_reporting.json']);
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
    const file = join(dir, 'acme_reporting.json');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({
      clientId: 'acme_reporting',
      realm: 'insights',
      secret: 'v3ry-s3cret',
      reason: 'rotate',
      generatedAt: '2026-06-01T12:00:00.000Z',
    });
  });

  it('replaces an existing file whole, with mode 0600 whatever the old one had', async () => {
    const file = join(base, 'acme_x.json');
    await writeFile(file, 'old content', { mode: 0o644 });
    const sink = parseSecretSink(`file:${base}`, { now });
    await sink.deliver({ realm: 'insights', clientId: 'acme_x', secret: new Secret('new-one'), reason: 'rotate' });

    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ secret: 'new-one' });
    expect(await readdir(base)).toEqual(['acme_x.json']);
  });

  it('keeps an existing directory as it is', async () => {
    const sink = parseSecretSink(`file:${base}`, { now });
    const before = (await stat(base)).mode;
    await sink.deliver({ realm: 'insights', clientId: 'acme_x', secret: new Secret('s'), reason: 'create' });
    expect((await stat(base)).mode).toBe(before);
  });

  it.each(['../escape', 'acme/x', '..', '.hidden', 'acme..x', 'acme_x\u0000', '', 'a b', 'x'.repeat(201)])(
    'refuses the clientId %j as a file name and writes nothing',
    async (clientId) => {
      const dir = join(base, 'secrets');
      const sink = parseSecretSink(`file:${dir}`, { now });
      await expect(sink.deliver({ realm: 'insights', clientId, secret: new Secret('s'), reason: 'create' })).rejects.toThrow(
        /refuses clientId/,
      );
      expect(await readdir(base)).toEqual([]);
    },
  );

  it('accepts every clientId the YAML rules allow', async () => {
    const sink = parseSecretSink(`file:${base}`, { now });
    await sink.deliver({ realm: 'insights', clientId: 'acme-2_Web.App-1_x', secret: new Secret('s'), reason: 'create' });
    expect(await readdir(base)).toEqual(['acme-2_Web.App-1_x.json']);
  });

  it('removes its temp file when the rename fails, and does not mention the secret', async () => {
    await mkdir(join(base, 'acme_x.json', 'in-the-way'), { recursive: true });
    const sink = parseSecretSink(`file:${base}`, { now });
    const failure = sink.deliver({ realm: 'insights', clientId: 'acme_x', secret: new Secret('dont-leak-me'), reason: 'create' });
    await expect(failure).rejects.toThrow();
    await failure.catch((err: unknown) => expect(String(err)).not.toContain('dont-leak-me'));
    expect(await readdir(base)).toEqual(['acme_x.json']);
    expect((await stat(join(base, 'acme_x.json'))).isDirectory()).toBe(true);
  });
});
