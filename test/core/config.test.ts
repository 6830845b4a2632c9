import { describe, expect, test } from 'vitest';
import { checkConfig, settingNamed } from '../../src/core/config.js';
import { DEFAULT_CONFIG } from '../../src/core/config.js';

describe('checkConfig', () => {
  test.each([
    [{ daily_goal_seconds: 0 }],
    [{ daily_goal_seconds: 86_401 }],
    [{ forgotten_after_seconds: 59 }],
    [{ week_start: 7 }],
    [{ week_start: -1 }],
    [{ daily_goal_seconds: 1.5 }],
  ])('refuses a stored %j that config set would refuse', (raw) => {
    expect(() => checkConfig(raw, 'config.json')).toThrow(/config\.json: ".*" is not valid/);
  });

  test('takes what config set could have stored', () => {
    expect(checkConfig({ daily_goal_seconds: 60, forgotten_after_seconds: 7 * 86_400, week_start: 0 }, 'x')).toEqual({
      daily_goal_seconds: 60,
      forgotten_after_seconds: 7 * 86_400,
      week_start: 0,
    });
  });
});

describe('config values shown', () => {
  test.each([
    ['daily_goal', '90s', '1m30s'],
    ['daily_goal', '1h30m30s', '1h30m30s'],
    ['daily_goal', '4h', '4h'],
    ['forgotten_after', '90m', '1h30m'],
  ])('%s set to %s shows %s: exactly what is stored, in a form set takes back', (name, typed, shown) => {
    const setting = settingNamed(name);
    const value = setting.parse(typed);
    const config = { ...DEFAULT_CONFIG, [setting.field]: value };
    expect(setting.show(config)).toBe(shown);
    expect(setting.parse(shown)).toBe(value);
  });
});
