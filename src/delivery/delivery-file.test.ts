import { describe, expect, it } from 'vitest';
import { fillPlaceholders, parseDeliveryFile } from './delivery-file.js';

const parse = (text: string) => parseDeliveryFile('/etc/clientsync/delivery.yaml', new TextEncoder().encode(text));
const where = (text: string) => parse(text).problems.map((p) => `${p.line}:${p.column} ${p.rule} ${p.message}`);

describe('the secret delivery file', () => {
  it('reads command and directory targets with their defaults', () => {
    const { config, problems } = parse(`targets:
  - name: vault
    command: [vault, kv, put, "secret/insights/{accountId}/{clientId}", "client_secret=-"]
    stdin: secret
    timeoutSeconds: 10
    env: [VAULT_ADDR, VAULT_TOKEN]
  - name: k8s
    command: [./examples/k8s-secret.sh, "{accountId}"]
    stdin: json
  - name: files
    directory: /var/lib/clientsync/secrets
`);
    expect(problems).toEqual([]);
    expect(config?.targets).toEqual([
      { kind: 'command', name: 'vault', command: ['vault', 'kv', 'put', 'secret/insights/{accountId}/{clientId}', 'client_secret=-'], stdin: 'secret', timeoutSeconds: 10, env: ['VAULT_ADDR', 'VAULT_TOKEN'] },
      // A program named by a relative path is found beside the file.
      { kind: 'command', name: 'k8s', command: ['/etc/clientsync/examples/k8s-secret.sh', '{accountId}'], stdin: 'json', timeoutSeconds: 30, env: [] },
      { kind: 'directory', name: 'files', directory: '/var/lib/clientsync/secrets' },
    ]);
  });

  it('reports an unknown placeholder, an empty command, a relative directory and duplicate names, each on its line', () => {
    const problems = where(`targets:
  - name: a
    command: [notify, "{clientID}", "{secret}"]
  - name: b
    command: []
  - name: c
    directory: secrets/out
  - name: a
    directory: /abs
  - name: d
    command: ["{clientId}"]
`);
    expect(problems).toEqual([
      "3:23 secret-delivery target 'a': unknown placeholder {clientID}; did you mean {clientId}? Known: {accountId}, {clientId}, {reason}",
      "3:37 secret-delivery target 'a': unknown placeholder {secret} Known: {accountId}, {clientId}, {reason}",
      "5:14 secret-delivery target 'b': the command is empty; write the program and its arguments, e.g. command: [vault, kv, put, \"secret/{accountId}/{clientId}\", \"client_secret=-\"]",
      "7:16 secret-delivery target 'c': directory 'secrets/out' is relative; write an absolute path (the daemon's working directory is no place for secrets)",
      "8:11 secret-delivery target name 'a' is used twice (first on line 2); give each target its own name",
      "11:15 secret-delivery target 'd': the program itself cannot hold a placeholder ({clientId}); only its arguments can",
    ]);
    expect(parse('targets: []\n').config).toBeNull();
  });

  it('checks the schema first: unknown fields, bad names, options of the wrong kind, missing parts', () => {
    expect(where('targets:\n  - name: Vault!\n    command: [x]\n')[0]).toMatch(/^2:11 schema targets\[0\]\.name must match pattern/);
    expect(where('targets:\n  - name: v\n    comand: [x]\n')).toContainEqual(expect.stringMatching(/^3:5 schema unknown field 'comand'.*did you mean 'command'/));
    expect(where('targets:\n  - name: v\n    command: [x]\n    stdin: yaml\n')).toContainEqual(expect.stringMatching(/^4:12 schema .*did you mean|^4:12 schema .*Use one of: secret, json/));
    expect(where('targets:\n  - name: v\n    command: [x]\n    timeoutSeconds: 0\n')).toEqual(['4:21 schema targets[0].timeoutSeconds must be at least 1']);
    expect(where('targets:\n  - name: v\n    directory: /x\n    env: [A]\n')).toEqual(["4:5 secret-delivery target 'v': 'env' applies to a command target only; remove it"]);
    expect(where('targets:\n  - name: v\n')).toEqual(["2:5 secret-delivery target 'v' needs either command: [program, arguments…] or directory: /absolute/path"]);
    expect(where('targets:\n  - name: v\n    command: [x]\n    directory: /x\n')).toEqual(["4:5 secret-delivery target 'v' has both command and directory; a target is one or the other (use two targets)"]);
    expect(where('- a\n')).toEqual(['1:1 schema the secret delivery file must be a mapping with a `targets:` list at the top (see docs/secrets.md)']);
    expect(where('')).toEqual(['1:1 secret-delivery the secret delivery file is empty; it needs a `targets:` list (see docs/secrets.md)']);
    expect(where('targets:\n  - name: v\n    command: [x]\n    command: [y]\n')[0]).toMatch(/^4:5 yaml-syntax/);
  });

  it('fills placeholders in arguments', () => {
    expect(fillPlaceholders('secret/{accountId}/{clientId}?why={reason}&{other}', { accountId: 'acme', clientId: 'acme_x', reason: 'rotated' })).toBe(
      'secret/acme/acme_x?why=rotated&{other}',
    );
  });
});
