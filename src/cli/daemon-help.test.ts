// `clientsync daemon --help` says what the daemon does, not what it might (#12.18).
import { describe, expect, it } from 'vitest';
import { daemonCommand, DEFAULT_LISTEN } from './daemon.js';

describe('daemon --help', () => {
  it('says where it listens by default, and that a container needs --listen 0.0.0.0:8080 (nothing detects one)', () => {
    const listen = daemonCommand.help.slice(daemonCommand.help.indexOf('--listen HOST:PORT     '), daemonCommand.help.indexOf('--max-deletes N    '));
    expect(listen).toContain(`default: ${DEFAULT_LISTEN}`);
    expect(listen).not.toMatch(/0\.0\.0\.0:8080 in a container/);
    expect(listen).toMatch(/in a container, pass\s+--listen 0\.0\.0\.0:8080/);
  });

  it('says that the local trial (npm start) logs readable lines on a terminal, as the README does', () => {
    const line = daemonCommand.help.slice(daemonCommand.help.indexOf('LOG_FORMAT  '), daemonCommand.help.indexOf('Pages and /status access:'));
    expect(line).toMatch(/pretty[^]*default with --local-trial on a terminal/);
  });
});
