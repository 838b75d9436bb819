// `clientsync emulator`: runs the Keycloak emulator (packages/keycloak-emulator, loaded on
// demand) in the foreground for tests and local trials, prints where it listens and how to point
// clientsync at it, and stops cleanly on SIGINT/SIGTERM. Flags map one to one onto the emulator's start options and fault settings.
import { type CliIo, type Command, EXIT_FAILURE, EXIT_OK, integer, parseFlags, UsageError } from './command.js';
import { DEFAULT_REALM, DEFAULT_SCOPES, startEmulator, type Faults, type RunningEmulator } from '@clientsync/keycloak-emulator';

const help = `Usage: clientsync emulator [--port 8180] [--host 127.0.0.1] [--realm insights]
                           [--latency-ms N] [--jitter-ms N] [--error-rate R] [--throttle-rate R]
                           [--drop-rate R] [--token-lifespan SECONDS] [--seed N]

Starts a Keycloak-compatible EMULATOR: the Keycloak 26 Admin REST and token endpoints that
clientsync uses, with the same paths, JSON shapes, status codes and error bodies, and all data
in memory. It is for tests and local trials on a machine without Keycloak (or without Java);
it is never a production target, and everything in it is lost when it stops.

It prints its URL once it accepts connections, with the master admin's credentials and a
service account ("clientsync") that may manage clients in every realm, and the environment
lines that point clientsync at it. Ctrl-C (SIGINT) or SIGTERM stops it.

Options:
  --port N               port to listen on (default 8180; 0 picks a free one)
  --host HOST            address to listen on (default 127.0.0.1)
  --realm NAME           realm to create besides master, with client scopes
                         ${DEFAULT_SCOPES.join(' and ')} (default ${DEFAULT_REALM}; repeat for more)
  --latency-ms N         delay every answer by N milliseconds
  --jitter-ms N          vary that delay by up to ±N milliseconds
  --error-rate R         answer this share of requests (0 to 1) with a 500
  --throttle-rate R      answer this share with 429 and Retry-After
  --drop-rate R          close this share of connections without an answer
  --token-lifespan S     access tokens expire after S seconds (Keycloak: 60 in master, 300 elsewhere)
  --seed N               seed of the fault decisions, to replay the same faults
  -h, --help             show this help

While it runs, faults can be changed and requests counted over HTTP:
  PUT  /_emulator/faults   {"latencyMs", "jitterMs", "errorRate", "throttleRate", "dropRate",
                            "tokenLifespanSeconds"}   (any subset; rates from 0 to 1)
  GET  /_emulator/stats    request counts by route
  POST /_emulator/reset    zeroes the counters
`;

/** A share from 0 to 1, written as a decimal number. */
function rate(flag: string, value: string | boolean | undefined): number | undefined {
  if (value === undefined) return undefined;
  const text = String(value);
  const n = /^(?:\d+(?:\.\d*)?|\.\d+)$/.test(text) ? Number(text) : NaN;
  if (!Number.isFinite(n) || n < 0 || n > 1) {
    throw new UsageError(`--${flag} must be a number from 0 to 1 (got '${text}'); see 'clientsync emulator --help'`);
  }
  return n;
}

export interface EmulatorRunOptions {
  /** Resolves when the emulator should stop; by default the first SIGINT or SIGTERM. */
  readonly until?: Promise<unknown>;
  /** Called once the emulator accepts connections (tests use it to find the URL). */
  readonly onReady?: (emulator: RunningEmulator) => void;
}

function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

function describeFaults(f: Faults): string {
  const parts: string[] = [];
  if (f.latencyMs > 0 || f.jitterMs > 0) parts.push(`latency ${f.latencyMs} ms ± ${f.jitterMs} ms`);
  if (f.errorRate > 0) parts.push(`error rate ${f.errorRate}`);
  if (f.throttleRate > 0) parts.push(`throttle rate ${f.throttleRate}`);
  if (f.dropRate > 0) parts.push(`drop rate ${f.dropRate}`);
  if (f.tokenLifespanSeconds !== null) parts.push(`token lifespan ${f.tokenLifespanSeconds} s`);
  return parts.length > 0 ? parts.join(', ') : 'none';
}

export async function runEmulatorCommand(argv: readonly string[], io: CliIo, options: EmulatorRunOptions = {}): Promise<number> {
  const { values } = parseFlags('emulator', argv, {
    port: { type: 'string' },
    host: { type: 'string' },
    realm: { type: 'string', multiple: true },
    'latency-ms': { type: 'string' },
    'jitter-ms': { type: 'string' },
    'error-rate': { type: 'string' },
    'throttle-rate': { type: 'string' },
    'drop-rate': { type: 'string' },
    'token-lifespan': { type: 'string' },
    seed: { type: 'string' },
  });
  const port = integer('emulator', 'port', values['port'], 8180, 0, 65535);
  const host = typeof values['host'] === 'string' ? values['host'] : '127.0.0.1';
  if (host.trim() === '') throw new UsageError("--host must not be empty; see 'clientsync emulator --help'");
  const realmValues = (values as Record<string, unknown>)['realm'];
  const realms = Array.isArray(realmValues) && realmValues.length > 0 ? (realmValues as string[]) : [DEFAULT_REALM];
  for (const realm of realms) {
    if (realm.trim() === '' || realm.includes('/') || realm === 'master') {
      throw new UsageError(`--realm '${realm}' is not a realm name the emulator can create; see 'clientsync emulator --help'`);
    }
  }
  const faults: Partial<{ -readonly [K in keyof Faults]: Faults[K] }> = {};
  if (values['latency-ms'] !== undefined) faults.latencyMs = integer('emulator', 'latency-ms', values['latency-ms'], 0, 0, 600_000);
  if (values['jitter-ms'] !== undefined) faults.jitterMs = integer('emulator', 'jitter-ms', values['jitter-ms'], 0, 0, 600_000);
  const errorRate = rate('error-rate', values['error-rate']);
  if (errorRate !== undefined) faults.errorRate = errorRate;
  const throttleRate = rate('throttle-rate', values['throttle-rate']);
  if (throttleRate !== undefined) faults.throttleRate = throttleRate;
  const dropRate = rate('drop-rate', values['drop-rate']);
  if (dropRate !== undefined) faults.dropRate = dropRate;
  if (values['token-lifespan'] !== undefined) {
    faults.tokenLifespanSeconds = integer('emulator', 'token-lifespan', values['token-lifespan'], 60, 1, 31_536_000);
  }
  const seed = values['seed'] === undefined ? undefined : integer('emulator', 'seed', values['seed'], 0, 0, 2 ** 32 - 1);

  // Listen for signals before starting, so a Ctrl-C during start-up is not lost.
  const until = options.until ?? untilSignal();
  let emulator: RunningEmulator;
  try {
    emulator = await startEmulator({ host, port, realm: realms, faults, ...(seed === undefined ? {} : { seed }) });
  } catch (error) {
    const code = (error as { code?: string }).code;
    const why =
      code === 'EADDRINUSE'
        ? `port ${port} on ${host} is already in use; pick another with --port (0 picks a free one)`
        : code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND'
          ? `cannot listen on ${host}; give an address of this machine with --host`
          : error instanceof Error
            ? error.message
            : String(error);
    io.stderr.write(`clientsync emulator: ${why}\n`);
    return EXIT_FAILURE;
  }
  const { url, adminUsername, adminPassword, serviceAccount } = emulator;
  io.stdout.write(
    [
      `clientsync emulator listening on ${url}`,
      '',
      'This is a Keycloak EMULATOR for tests and local trials: data lives in memory and is lost',
      'when it stops. It is never a production target.',
      '',
      `  URL              ${url}`,
      `  realms           ${realms.join(', ')} (client scopes ${DEFAULT_SCOPES.join(', ')}), and master`,
      `  admin            ${adminUsername} / ${adminPassword} (master realm, password grant on admin-cli)`,
      `  service account  ${serviceAccount.clientId} / ${serviceAccount.clientSecret} (master realm; manages clients in every realm)`,
      `  faults           ${describeFaults(emulator.faults())}`,
      `  control          PUT ${url}/_emulator/faults, GET ${url}/_emulator/stats, POST ${url}/_emulator/reset`,
      '',
      'Point clientsync at it:',
      `  export KEYCLOAK_URL=${url}`,
      `  export KEYCLOAK_CLIENT_ID=${serviceAccount.clientId}`,
      `  export KEYCLOAK_CLIENT_SECRET=${serviceAccount.clientSecret}`,
      '',
      'Stop it with Ctrl-C.',
      '',
    ].join('\n'),
  );
  options.onReady?.(emulator);
  await until;
  await emulator.close();
  io.stdout.write('clientsync emulator stopped\n');
  return EXIT_OK;
}

export const emulatorCommand: Command = {
  name: 'emulator',
  help,
  run: (argv, io) => runEmulatorCommand(argv, io),
};
