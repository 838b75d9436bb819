// Sealed cookie values: AES-256-GCM (node:crypto) over a JSON payload with an expiry. The
// cookie's name is bound in as additional data, so one cookie cannot stand in for another; a
// value that fails to open (tampered, expired, another key) is simply no session.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const IV_BYTES = 12;
const TAG_BYTES = 16;
export const SESSION_KEY_BYTES = 32;

export class CookieSealer {
  readonly #key: Buffer;

  constructor(key: Buffer) {
    if (key.length !== SESSION_KEY_BYTES) throw new Error(`a session key has ${SESSION_KEY_BYTES} bytes`);
    this.#key = Buffer.from(key);
  }

  static random(): CookieSealer {
    return new CookieSealer(randomBytes(SESSION_KEY_BYTES));
  }

  seal(purpose: string, payload: unknown, expiresAt: Date): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv);
    cipher.setAAD(Buffer.from(purpose));
    const body = Buffer.from(JSON.stringify({ exp: expiresAt.getTime(), v: payload }));
    const sealed = Buffer.concat([cipher.update(body), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url');
  }

  /** The payload, or null when the value is not ours, was changed, or has expired. */
  open(purpose: string, value: string, now: Date): unknown {
    try {
      const raw = Buffer.from(value, 'base64url');
      if (raw.length <= IV_BYTES + TAG_BYTES) return null;
      const decipher = createDecipheriv('aes-256-gcm', this.#key, raw.subarray(0, IV_BYTES));
      decipher.setAAD(Buffer.from(purpose));
      decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      const body = Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
      const parsed = JSON.parse(body.toString('utf8')) as { exp?: unknown; v?: unknown };
      if (typeof parsed.exp !== 'number' || parsed.exp <= now.getTime()) return null;
      return parsed.v ?? null;
    } catch {
      return null;
    }
  }
}

/** Cookies of a request header, first value of each name. */
export function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    if (!cookies.has(name)) cookies.set(name, part.slice(eq + 1).trim());
  }
  return cookies;
}

export interface CookieOptions {
  readonly secure: boolean;
  /** Seconds; 0 deletes the cookie. */
  readonly maxAge: number;
}

export function setCookie(name: string, value: string, options: CookieOptions): string {
  return `${name}=${value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${options.maxAge}${options.secure ? '; Secure' : ''}`;
}
