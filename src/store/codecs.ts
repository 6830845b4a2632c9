import type { Session } from '../core/session.js';
import type { Codec } from './json-file.js';
import { decodeMonth, decodeRoot, encodeMonth, encodeRoot, type Root } from './schema.js';

/** How each of the store's files is read and written (see schema.ts for the shapes). */
export const rootCodec: Codec<Root> = { decode: decodeRoot, encode: encodeRoot };
export const monthCodec = (key: string, nextId: number): Codec<Session[]> => ({
  decode: (text, path) => decodeMonth(text, path, nextId, key),
  encode: (sessions) => encodeMonth(key, sessions),
});
