import { WEEKDAYS, weekdayNamed } from './days.js';
import { invalidInput } from './errors.js';
import type { WeekStart } from './period.js';
import { parseDurationInput, type DurationBounds } from './duration-input.js';

/** The user's settings, kept in config.json beside the store. */
export interface Config {
  forgotten_after_seconds: number;
  daily_goal_seconds: number;
  week_start: WeekStart;
}

export const DEFAULT_CONFIG: Config = {
  forgotten_after_seconds: 12 * 3600,
  daily_goal_seconds: 4 * 3600,
  week_start: 1,
};

interface Setting {
  field: keyof Config;
  describe: string;
  parse(value: string): number;
  /** Whether a stored value is one `parse` could have given (config.json may be edited by hand). */
  valid(value: number): boolean;
  show(config: Config): string;
}

/** A duration as `config set` takes it back, exactly: `4h`, `1h30m`, `90s` → `1m30s`. */
const exact = (seconds: number) =>
  [
    [Math.floor(seconds / 3600), 'h'],
    [Math.floor((seconds % 3600) / 60), 'm'],
    [seconds % 60, 's'],
  ]
    .filter(([n]) => n !== 0)
    .map(([n, unit]) => `${n}${unit}`)
    .join('') || '0s';

/**
 * A setting holding a duration: typed as `10h`, `90m`…, shown exactly, and valid within the same
 * bounds whether it was typed or read from config.json.
 */
function durationSetting(field: 'forgotten_after_seconds' | 'daily_goal_seconds', describe: string, bounds: DurationBounds): Setting {
  return {
    field,
    describe,
    parse: (value) => parseDurationInput(value, bounds),
    valid: (n) => n >= bounds.minSeconds && n <= bounds.maxSeconds,
    show: (c) => exact(c[field]),
  };
}

/** The settings `stint config` knows, by the name users type. */
export const SETTINGS: Record<string, Setting> = {
  forgotten_after: durationSetting('forgotten_after_seconds', 'warn about a session running longer than this (1m to 7d)', {
    minSeconds: 60,
    maxSeconds: 7 * 86_400,
  }),
  daily_goal: durationSetting('daily_goal_seconds', 'time to track each day (1m to 24h)', { minSeconds: 60, maxSeconds: 86_400 }),
  week_start: {
    field: 'week_start',
    describe: 'the first day of a week (monday … sunday, or mon … sun)',
    parse: (value) => {
      const day = weekdayNamed(value.toLowerCase());
      if (day < 0) throw invalidInput('Invalid value', `'${value}' is not a day of the week`);
      return day;
    },
    valid: (n) => n >= 0 && n <= 6,
    show: (c) => WEEKDAYS[c.week_start] as string,
  },
};

/** Own keys only: `constructor` or `__proto__` must not find what every object inherits. */
export function settingNamed(name: string): Setting {
  const setting = Object.hasOwn(SETTINGS, name) ? SETTINGS[name] : undefined;
  if (!setting) {
    throw invalidInput('Unknown setting', `'${name}' is not a setting (${Object.keys(SETTINGS).join(', ')})`);
  }
  return setting;
}

/** The keys config.json may hold besides the settings' fields. */
const FILE_KEYS = ['version'];

/**
 * Reads a stored config, falling back to defaults field by field; refuses what is not valid,
 * and a key it does not know (a typo, or `__proto__`, would otherwise be dropped unseen).
 */
export function checkConfig(raw: Record<string, unknown>, where: string): Config {
  const fields = new Set<string>([...FILE_KEYS, ...Object.values(SETTINGS).map((s) => s.field)]);
  const unknown = Object.keys(raw).find((key) => !fields.has(key));
  if (unknown !== undefined) throw invalidInput('Invalid config', `${where}: unknown key ${JSON.stringify(unknown)}`);
  const config = { ...DEFAULT_CONFIG };
  // The same rules as `config set`: a daily goal of 0 would make every empty day meet it.
  for (const setting of Object.values(SETTINGS)) {
    const value = raw[setting.field];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isInteger(value) || !setting.valid(value)) {
      throw invalidInput('Invalid config', `${where}: "${setting.field}" is not valid`);
    }
    (config as Record<string, number>)[setting.field] = value;
  }
  return config;
}
