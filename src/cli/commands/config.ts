import { SETTINGS, settingNamed, type Config } from '../../core/config.js';
import type { Context } from '../context.js';

export interface ConfigOptions {
  action: 'get' | 'set' | 'list';
  key?: string | undefined;
  value?: string | undefined;
}

const entry = (name: string, config: Config) => {
  const setting = settingNamed(name);
  return { key: name, value: setting.show(config), [setting.field]: config[setting.field] };
};

/** `config list`, `config get <key>`, `config set <key> <value>`. */
export async function config(options: ConfigOptions, ctx: Context): Promise<number> {
  if (options.action === 'list') {
    const current = await ctx.deps.store.config.read();
    if (ctx.json) {
      ctx.printJson({ settings: Object.keys(SETTINGS).map((name) => entry(name, current)) });
    } else {
      const width = Math.max(...Object.keys(SETTINGS).map((k) => k.length));
      for (const [name, setting] of Object.entries(SETTINGS)) {
        ctx.print(`${name.padEnd(width)}  ${setting.show(current).padEnd(9)}  ${ctx.palette.dim(setting.describe)}\n`);
      }
    }
    return 0;
  }
  const name = options.key ?? '';
  const setting = settingNamed(name);
  let current: Config;
  if (options.action === 'set') {
    const value = setting.parse(options.value ?? '');
    current = await ctx.deps.store.config.update((c) => {
      (c as unknown as Record<string, number>)[setting.field] = value;
      return c;
    });
  } else {
    current = await ctx.deps.store.config.read();
  }
  if (ctx.json) ctx.printJson(entry(name, current));
  else ctx.print(`${setting.show(current)}\n`);
  return 0;
}
