/**
 * @module cli/flag-values
 * Options whose values are checked while the command line is parsed, before anything loads or
 * runs: a bad value is a UsageError (exit 2, with `--json` an INVALID_INPUT body), the same in
 * every command. Choice options keep their choices on the Option (`argChoices`), so `--help`
 * lists them and `completion` completes them.
 */
import { Argument, Option } from 'commander';
import { UsageError } from './output.js';

/**
 * An option that takes one of `choices`.
 * @example cmd.addOption(oneOf('--scope <scope>', 'user or project config', ['user', 'project']).default('user'))
 */
export function oneOf(flags: string, description: string, choices: readonly string[]): Option {
  const option = new Option(flags, description).choices(choices);
  return option.argParser((value: string) => {
    if (choices.includes(value)) return value;
    throw new UsageError(`${option.long ?? flags} takes ${listOf(choices)}; got "${value}".`);
  });
}

/** A positional argument that is one of `choices`. */
export function oneOfArgument(name: string, description: string, choices: readonly string[]): Argument {
  const argument = new Argument(name, description).choices(choices);
  return argument.argParser((value: string) => {
    if (choices.includes(value)) return value;
    throw new UsageError(`${argument.name()} is ${listOf(choices)}; got "${value}".`);
  });
}

/**
 * An option that takes a whole number from `min` to `max`; its value is a number.
 * @example cmd.addOption(wholeNumber('-n, --limit <n>', 'entries per page', { min: 1 }).default(20))
 */
export function wholeNumber(
  flags: string,
  description: string,
  range: { min?: number; max?: number } = {},
): Option {
  const { min = 0, max = Number.MAX_SAFE_INTEGER } = range;
  const option = new Option(flags, description);
  return option.argParser((value: string) => {
    const n = Number(value);
    if (/^\d+$/.test(value.trim()) && n >= min && n <= max) return n;
    const bound = max === Number.MAX_SAFE_INTEGER ? `${min} or more` : `from ${min} to ${max}`;
    throw new UsageError(`${option.long ?? flags} takes a whole number ${bound}; got "${value}".`);
  });
}

const LIFETIME = /^(\d{1,6})([smhdw])$/;
const UNIT_MS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/**
 * An option that takes a lifetime such as 30s, 90m, 12h, 30d or 2w (and `never` when `never` is
 * allowed, which gives undefined); its value is milliseconds. `seconds` allows the `s` unit.
 * @example cmd.addOption(lifetime('--interval <lifetime>', 'time between syncs', { seconds: true }))
 */
export function lifetime(
  flags: string,
  description: string,
  allow: { seconds?: boolean; never?: boolean } = {},
): Option {
  const option = new Option(flags, description);
  return option.argParser((value: string): number | undefined => {
    const text = value.trim().toLowerCase();
    if (allow.never && text === 'never') return undefined;
    const match = LIFETIME.exec(text);
    const unit = match?.[2];
    if (match && unit && (unit !== 's' || allow.seconds) && Number(match[1]) > 0) {
      return Number(match[1]) * (UNIT_MS[unit] ?? 0);
    }
    const examples = [allow.seconds ? '30s' : '', '90m', '12h', '30d', '2w'].filter(Boolean).join(', ');
    throw new UsageError(
      `${option.long ?? flags} takes a lifetime such as ${examples}${allow.never ? ' or never' : ''}; got "${value}".`,
    );
  });
}

/** Milliseconds of a lifetime given as a default (the same words the option takes). */
export function lifetimeMs(text: string): number {
  const match = LIFETIME.exec(text);
  return Number(match?.[1]) * (UNIT_MS[match?.[2] ?? ''] ?? Number.NaN);
}

const listOf = (choices: readonly string[]) =>
  choices.length <= 1
    ? `"${choices[0] ?? ''}"`
    : `${choices
        .slice(0, -1)
        .map((c) => `"${c}"`)
        .join(', ')} or "${choices.at(-1)}"`;
