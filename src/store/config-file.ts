import { checkConfig, DEFAULT_CONFIG, type Config } from '../core/config.js';
import { StintError, storeError } from '../core/errors.js';
import type { Codec } from './json-file.js';
import { parseObject, unreadable } from './schema.js';

const CONFIG_VERSION = 1;

export const configCodec: Codec<Config> = {
  encode: (config) => `${JSON.stringify({ version: CONFIG_VERSION, ...config }, null, 1)}\n`,
  decode: (text, path) => {
    const raw = parseObject(text, path);
    if (typeof raw.version === 'number' && raw.version > CONFIG_VERSION) {
      throw unreadable(path, 'written by a newer stint; upgrade stint');
    }
    try {
      return checkConfig(raw, path);
    } catch (error) {
      // Its message names the file already (`<path>: "week_start" is not valid`).
      if (error instanceof StintError) throw storeError('Store unreadable', `${error.message}; the file was left untouched`);
      throw error;
    }
  },
};

export const defaultConfig = (): Config => ({ ...DEFAULT_CONFIG });
