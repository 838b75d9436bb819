// The daemon's logger: pino, JSON lines on stdout by default. Secrets are kept out twice over:
// fields that may hold one are redacted by path, and every known secret value (from the
// environment: Keycloak credentials, the webhook secret, the git token) is replaced in each line
// before it is written, whatever field it ended up in.
import { pino, type DestinationStream, type Level, type Logger } from 'pino';

/** What the daemon's code needs of a logger (pino's Logger has it; tests may pass a fake). */
export type DaemonLogger = Pick<Logger, 'info' | 'warn' | 'error' | 'debug'>;

export type LogFormat = 'json' | 'pretty';

export const LOG_LEVELS: readonly Level[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'];

export const REDACT_PATHS: readonly string[] = [
  'secret',
  '*.secret',
  'clientSecret',
  '*.clientSecret',
  'password',
  '*.password',
  'token',
  '*.token',
  'accessToken',
  '*.accessToken',
  'authorization',
  '*.authorization',
  'headers.authorization',
  '*.headers.authorization',
  'headers["x-hub-signature-256"]',
  '*.headers["x-hub-signature-256"]',
  'headers.cookie',
  '*.headers.cookie',
];

export const REDACTED = '[REDACTED]';

/** Values shorter than this are not scrubbed from lines (they would mangle ordinary words). */
const MIN_SCRUB_LENGTH = 6;

/** Replaces each of `secrets` (and its JSON-escaped form) in a string with [REDACTED]. */
export function scrubber(secrets: readonly (string | undefined)[]): (text: string) => string {
  const needles = new Set<string>();
  for (const secret of secrets) {
    if (secret === undefined || secret.length < MIN_SCRUB_LENGTH) continue;
    needles.add(secret);
    needles.add(JSON.stringify(secret).slice(1, -1));
  }
  // Longest first, so a secret that contains another is replaced whole.
  const ordered = [...needles].sort((a, b) => b.length - a.length);
  if (ordered.length === 0) return (text) => text;
  return (text) => {
    let out = text;
    for (const needle of ordered) if (out.includes(needle)) out = out.split(needle).join(REDACTED);
    return out;
  };
}

export interface LoggerOptions {
  readonly level?: string;
  readonly format?: LogFormat;
  /** Secret values to scrub from every line. */
  readonly secrets?: readonly (string | undefined)[];
  /** Where lines go (default: stdout, written synchronously so nothing is lost at exit). */
  readonly destination?: DestinationStream;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const scrub = scrubber(options.secrets ?? []);
  const target = options.destination ?? pino.destination({ dest: 1, sync: true });
  const destination = options.format === 'pretty' ? prettyStream(target) : target;
  return pino(
    {
      level: options.level ?? 'info',
      name: 'clientsync',
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: [...REDACT_PATHS], censor: REDACTED },
      hooks: { streamWrite: scrub },
    },
    destination,
  );
}

/** LOG_LEVEL and LOG_FORMAT, checked: a typo is a usage error, not silence. */
export function logSettingsFromEnv(env: Readonly<Record<string, string | undefined>>, defaultFormat: LogFormat = 'json'): { level: Level; format: LogFormat } | string {
  const level = (env['LOG_LEVEL']?.trim() || 'info').toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(level)) return `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got '${env['LOG_LEVEL']}')`;
  const format = (env['LOG_FORMAT']?.trim() || defaultFormat).toLowerCase();
  if (format !== 'json' && format !== 'pretty') return `LOG_FORMAT must be json or pretty (got '${env['LOG_FORMAT']}')`;
  return { level: level as Level, format };
}

const LEVEL_WIDTH = 5;

/** One readable line per record: "12:00:01 INFO  message key=value …". For people, not for machines. */
export function formatPretty(line: string): string {
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line;
  }
  const { time, level, msg, name: _name, pid: _pid, hostname: _hostname, ...rest } = record;
  const clock = typeof time === 'string' ? time.slice(11, 19) : '';
  const fields = Object.entries(rest).map(([k, v]) => `${k}=${typeof v === 'string' && !/\s/.test(v) ? v : JSON.stringify(v)}`);
  return `${[clock, String(level).toUpperCase().padEnd(LEVEL_WIDTH), String(msg ?? ''), ...fields].join(' ')}\n`;
}

function prettyStream(target: DestinationStream): DestinationStream {
  return {
    write(chunk: string) {
      for (const line of chunk.split('\n')) if (line !== '') target.write(formatPretty(line));
    },
  };
}
