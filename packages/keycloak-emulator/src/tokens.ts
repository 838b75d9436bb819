// Access and refresh tokens: JWTs (HS256, signed with a key made at start-up) carrying the
// claims clients read (exp, iat, iss, sub, azp, typ, scope). Admin calls verify the signature
// and expiry and look the user up again, so a deleted realm, user or client stops working at
// once, as in Keycloak. The signature algorithm differs from Keycloak's RS256; nothing that
// talks to the emulator verifies it.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { newId } from './random.js';

export type TokenType = 'Bearer' | 'Refresh';

export interface TokenClaims {
  readonly exp: number;
  readonly iat: number;
  readonly jti: string;
  readonly iss: string;
  readonly sub: string;
  readonly typ: TokenType;
  readonly azp: string;
  readonly sid?: string;
  readonly scope: string;
  readonly preferred_username?: string;
  readonly client_id?: string;
  /** Realm name the token was issued by (also the last segment of `iss`). */
  readonly realm: string;
}

const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

const VERIFIED_CACHE_SIZE = 1000;

export class TokenSigner {
  readonly #key = randomBytes(32);
  readonly #kid = newId();
  /** Tokens already verified (the same token arrives with every request of a client). */
  readonly #verified = new Map<string, TokenClaims>();

  sign(claims: TokenClaims): string {
    const head = `${encode({ alg: 'HS256', typ: 'JWT', kid: this.#kid })}.${encode(claims)}`;
    return `${head}.${this.#signature(head)}`;
  }

  /** The claims of a token this signer made, or null for anything else (forged, garbled). */
  verify(token: string): TokenClaims | null {
    const known = this.#verified.get(token);
    if (known) return known;
    const claims = this.#verifySignature(token);
    if (claims) {
      if (this.#verified.size >= VERIFIED_CACHE_SIZE) this.#verified.clear();
      this.#verified.set(token, claims);
    }
    return claims;
  }

  #verifySignature(token: string): TokenClaims | null {
    const parts = token.split('.');
    if (parts.length !== 3) return null;
    const [header, payload, signature] = parts as [string, string, string];
    const expected = Buffer.from(this.#signature(`${header}.${payload}`));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    try {
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as TokenClaims;
      return typeof claims.exp === 'number' && typeof claims.sub === 'string' ? claims : null;
    } catch {
      return null;
    }
  }

  #signature(input: string): string {
    return createHmac('sha256', this.#key).update(input).digest('base64url');
  }
}

/** Keycloak's expiry test: expired once the current second is past `exp`. */
export function isExpired(claims: TokenClaims, nowSeconds: number): boolean {
  return nowSeconds > claims.exp;
}
