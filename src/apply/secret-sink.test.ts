import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Secret } from '../keycloak/secret.js';
import { UsageError } from '../model/errors.js';
import { combineSinks, describeSink, FileSecretSink, parseSecretSink, type SecretDelivery } from './secret-sink.js';

function delivery(clientId: string, secret: string, reason: SecretDelivery['reason'] = 'created'): SecretDelivery {
  return { realm: 'insights', accountId: clientId.split('_')[0] ?? '', clientId, secret: new Secret(secret), reason, revision: 'abc123', at: '2026-06-01T12:00:00.000Z' };
}

function fileTarget(dir: string): FileSecretSink {
  const [target] = parseSecretSink(`file:${dir}`).targets;
  expect(target).toBeInstanceOf(FileSecretSink);
  return target as FileSecretSink;
}

describe('parseSecretSink', () => {
  it('gives no target for no flag and for none', () => {
    for (const spec of [undefined, 'none']) {
      expect(parseSecretSink(spec).targets).toEqual([]);
      expect(describeSink(parseSecretSink(spec))).toBe('none');
    }
  });

  it('gives one directory target named "file" for file:DIR, resolved against the working directory', () => {
    const target = fileTarget('out/secrets');
    expect(target.dir).toBe(resolve('out/secrets'));
    expect(target.name).toBe('file');
    expect(describeSink(parseSecretSink('file:x'))).toBe('file (file)');
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

  it('refuses two targets of one name when sinks are combined', () => {
    expect(() => combineSinks(parseSecretSink('file:a'), parseSecretSink('file:b'))).toThrow(UsageError);
  });
});

describe('directory target', () => {
  let base: string;
  beforeEach(async () => {
    base = await mkdtemp(join(tmpdir(), 'clientsync-sink-'));
  });
  afterEach(async () => {
    await rm(base, { recursive: true, force: true });
  });

  it('writes DIR/<clientId>.json (the delivery document) with mode 0600, creating DIR with mode 0700, leaving no temp file', async () => {
    const dir = join(base, 'nested', 'secrets');
    await fileTarget(dir).deliver(delivery('acme_reporting', 'v3ry-s3cret', 'rotated'));

    expect(await readdir(dir)).toEqual(['acme_reporting.json']);
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
    const file = join(dir, 'acme_reporting.json');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({
      accountId: 'acme',
      clientId: 'acme_reporting',
      realm: 'insights',
      reason: 'rotated',
      secret: 'v3ry-s3cret',
      revision: 'abc123',
      at: '2026-06-01T12:00:00.000Z',
    });
  });

  it('replaces an existing file whole, with mode 0600 whatever the old one had', async () => {
    await chmod(base, 0o700);
    const file = join(base, 'acme_x.json');
    await writeFile(file, 'old content', { mode: 0o644 });
    await fileTarget(base).deliver(delivery('acme_x', 'new-one', 'rotated'));

    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ secret: 'new-one' });
    expect(await readdir(base)).toEqual(['acme_x.json']);
  });

  it('uses an existing 0700 directory as it is', async () => {
    await chmod(base, 0o700);
    await fileTarget(base).deliver(delivery('acme_x', 's3cret-value'));
    expect((await stat(base)).mode & 0o777).toBe(0o700);
  });

  // #12 item 5: a directory others can list or read is refused, and left as it is.
  it.each([0o755, 0o750, 0o711, 0o777, 0o701])('refuses an existing directory with mode %o, writes nothing and says how to fix it', async (mode) => {
    const dir = join(base, 'loose');
    await mkdir(dir);
    await chmod(dir, mode);
    const failure = fileTarget(dir).deliver(delivery('acme_x', 'dont-leak-me'));
    await expect(failure).rejects.toThrow(/chmod 700/);
    await failure.catch((err: unknown) => expect(String(err)).not.toContain('dont-leak-me'));
    expect(await readdir(dir)).toEqual([]);
    expect((await stat(dir)).mode & 0o777).toBe(mode);
  });

  it('refuses a symbolic link to a directory', async () => {
    const real = join(base, 'real');
    await mkdir(real, { mode: 0o700 });
    await symlink(real, join(base, 'link'));
    await expect(fileTarget(join(base, 'link')).deliver(delivery('acme_x', 's3cret-value'))).rejects.toThrow(/not a directory/);
    expect(await readdir(real)).toEqual([]);
  });

  it("removes a deleted client's file, and is quiet when there is none", async () => {
    await chmod(base, 0o700);
    const target = fileTarget(base);
    await target.deliver(delivery('acme_x', 's3cret-value'));
    await target.deliver(delivery('acme_y', 's3cret-value'));
    await target.forget('acme_x');
    await target.forget('acme_never');
    await target.forget('../escape');
    expect(await readdir(base)).toEqual(['acme_y.json']);
  });

  it.each(['../escape', 'acme/x', '..', '.hidden', 'acme..x', 'acme_x\u0000', '', 'a b', 'x'.repeat(201)])(
    'refuses the clientId %j as a file name and writes nothing',
    async (clientId) => {
      const dir = join(base, 'secrets');
      await expect(fileTarget(dir).deliver(delivery(clientId, 's'))).rejects.toThrow(/refuses clientId/);
      expect(await readdir(base)).toEqual([]);
    },
  );

  it('accepts every clientId the YAML rules allow', async () => {
    await chmod(base, 0o700);
    await fileTarget(base).deliver(delivery('acme-2_Web.App-1_x', 's'));
    expect(await readdir(base)).toEqual(['acme-2_Web.App-1_x.json']);
  });

  it('removes its temp file when the rename fails, and does not mention the secret', async () => {
    await chmod(base, 0o700);
    await mkdir(join(base, 'acme_x.json', 'in-the-way'), { recursive: true });
    const failure = fileTarget(base).deliver(delivery('acme_x', 'dont-leak-me'));
    await expect(failure).rejects.toThrow(/target 'file'/);
    await failure.catch((err: unknown) => expect(String(err)).not.toContain('dont-leak-me'));
    expect(await readdir(base)).toEqual(['acme_x.json']);
    expect((await stat(join(base, 'acme_x.json'))).isDirectory()).toBe(true);
  });
});
