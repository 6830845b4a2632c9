import { invalidInput } from './errors.js';
import type { WeekStart } from './period.js';
import { parseDurationInput } from './duration-input.js';

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

const DAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;

interface Setting {
  field: keyof Config;
  describe: string;
  parse(value: string): number;
  show(config: Config): string;
}

const hours = (seconds: number) => (seconds % 3600 === 0 ? `${seconds / 3600}h` : `${Math.round(seconds / 60)}m`);

/** The settings `stint config` knows, by the name users type. */
export const SETTINGS: Record<string, Setting> = {
  forgotten_after: {
    field: 'forgotten_after_seconds',
    describe: 'warn about a session running longer than this (1m to 7d)',
    parse: (value) => parseDurationInput(value, { minSeconds: 60, maxSeconds: 7 * 86_400 }),
    show: (c) => hours(c.forgotten_after_seconds),
  },
  daily_goal: {
    field: 'daily_goal_seconds',
    describe: 'time to track each day (1m to 24h)',
    parse: (value) => parseDurationInput(value, { minSeconds: 60, maxSeconds: 86_400 }),
    show: (c) => hours(c.daily_goal_seconds),
  },
  week_start: {
    field: 'week_start',
    describe: 'the first day of a week (monday … sunday)',
    parse: (value) => {
      const day = DAYS.indexOf(value.toLowerCase() as (typeof DAYS)[number]);
      if (day < 0) throw invalidInput('Invalid value', `'${value}' is not a day of the week`);
      return day;
    },
    show: (c) => DAYS[c.week_start] as string,
  },
};

export function settingNamed(name: string): Setting {
  const setting = SETTINGS[name];
  if (!setting) {
    throw invalidInput('Unknown setting', `'${name}' is not a setting (${Object.keys(SETTINGS).join(', ')})`);
  }
  return setting;
}

/** Reads a stored config, falling back to defaults field by field; refuses what is not valid. */
export function checkConfig(raw: Record<string, unknown>, where: string): Config {
  const config = { ...DEFAULT_CONFIG };
  for (const field of Object.keys(DEFAULT_CONFIG) as (keyof Config)[]) {
    const value = raw[field];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || (field === 'week_start' && value > 6)) {
      throw invalidInput('Invalid config', `${where}: "${field}" is not valid`);
    }
    (config as Record<string, number>)[field] = value;
  }
  return config;
}
