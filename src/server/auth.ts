import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const COOKIE_NAME = 'stint_session';

/**
 * Who may use the API: the bearer token (the file in the data directory) or a dashboard cookie.
 * A cookie is only ever made from the one-time code in the URL `stint serve` prints, so no token
 * sits in the page or the browser's history; it dies with the token it was issued under.
 */
export interface Auth {
  /** The current token (rotating it in another shell takes effect at once). */
  token(): string;
  /** `Authorization: Bearer <token>`, compared in constant time. */
  bearerOk(header: string | undefined): boolean;
  cookieOk(value: string | undefined): boolean;
  /** A new one-time code for the URL printed at start. */
  issueCode(): string;
  /** Exchanges a code, once, for a new cookie value; null if it is unknown or spent. */
  redeem(code: string): string | null;
}

const random = (): string => randomBytes(32).toString('base64url');

// Hashing first gives both sides one length, so timingSafeEqual neither throws nor leaks the
// token's length; the comparison time then depends on neither value.
const digest = (text: string): Buffer => createHash('sha256').update(text).digest();
export const sameSecret = (given: string, expected: string): boolean => timingSafeEqual(digest(given), digest(expected));

export function createAuth(token: () => string): Auth {
  const codes = new Set<string>();
  // Cookie → the token it was issued under: rotating the token logs every browser out.
  const cookies = new Map<string, string>();
  return {
    token,
    bearerOk(header) {
      // The scheme's name is case-insensitive (RFC 9110 §11.1): `bearer <token>` is the same.
      const match = header === undefined ? null : /^Bearer +([A-Za-z0-9._~+/=-]+)$/i.exec(header);
      return match?.[1] !== undefined && sameSecret(match[1], token());
    },
    cookieOk(value) {
      if (value === undefined) return false;
      const issuedUnder = cookies.get(value);
      if (issuedUnder === undefined) return false;
      if (sameSecret(issuedUnder, token())) return true;
      cookies.delete(value);
      return false;
    },
    issueCode() {
      const code = random();
      codes.add(code);
      return code;
    },
    redeem(code) {
      // Looked up by value, not compared: a Set lookup hashes the whole string either way.
      if (!codes.delete(code)) return null;
      const cookie = random();
      cookies.set(cookie, token());
      return cookie;
    },
  };
}
