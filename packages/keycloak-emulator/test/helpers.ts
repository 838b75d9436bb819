// Small HTTP helpers for the emulator's own tests: tokens and raw calls with status, headers and
// body, so tests can assert exactly what Keycloak would send.
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../src/index.js';

export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  readonly json: unknown;
}

export async function start(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  return startEmulator({ port: 0, ...options });
}

export async function tokenRequest(url: string, realm: string, form: Record<string, string>, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(`${url}/realms/${realm}/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(form),
  });
  return answer(response);
}

export async function adminToken(emulator: RunningEmulator): Promise<string> {
  const result = await tokenRequest(emulator.url, 'master', {
    grant_type: 'password',
    client_id: 'admin-cli',
    username: emulator.adminUsername,
    password: emulator.adminPassword,
  });
  if (result.status !== 200) throw new Error(`admin login failed: ${result.status} ${result.text}`);
  return (result.json as { access_token: string }).access_token;
}

async function answer(response: Response): Promise<Answer> {
  const text = await response.text();
  let json: unknown = undefined;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

export interface CallOptions {
  readonly token?: string | null;
  /** A value sent as JSON, or a string sent as it is. */
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
}

export async function call(url: string, method: string, path: string, options: CallOptions = {}): Promise<Answer> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers['authorization'] = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    if (typeof options.body !== 'string') headers['content-type'] ??= 'application/json';
  }
  return answer(await fetch(url + path, { method, headers, ...(body === undefined ? {} : { body }) }));
}

/** The id at the end of a Location header. */
export function idOf(result: Answer): string {
  const location = result.headers.get('location');
  if (!location) throw new Error(`no Location header (status ${result.status}: ${result.text})`);
  return location.slice(location.lastIndexOf('/') + 1);
}
