/**
 * @module cli/output
 * How the CLI prints: one JSON value on stdout with `--json`, readable text otherwise; colour only
 * on a TTY and never with NO_COLOR. Exit codes: 0 success, 1 failure with an error code, 2 usage.
 */
import { OrchestrationError, toOrchestrationError } from '../core/errors.js';

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** A mistake in how a command was called (bad flag value): exit code 2. */
export class UsageError extends Error {}

const useColour = () => Boolean(process.stdout.isTTY) && !process.env.NO_COLOR && process.env.TERM !== 'dumb';
const paint = (code: number) => (text: string) => (useColour() ? `\u001b[${code}m${text}\u001b[0m` : text);
export const colour = { red: paint(31), green: paint(32), yellow: paint(33), dim: paint(2), bold: paint(1) };

export interface CommonFlags {
  home?: string;
  store?: string;
  json?: boolean;
}

export function printResult<T>(result: T, flags: CommonFlags, human: (r: T) => string): void {
  if (flags.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else {
    const text = human(result);
    if (text) process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  }
}

export function printError(err: unknown, flags: CommonFlags): number {
  if (err instanceof UsageError) {
    if (flags.json) {
      process.stdout.write(
        `${JSON.stringify({ error: { code: 'INVALID_INPUT', message: err.message } }, null, 2)}\n`,
      );
    } else process.stderr.write(`${colour.red('error')}: ${err.message}\n`);
    return EXIT_USAGE;
  }
  const error = err instanceof OrchestrationError ? err : toOrchestrationError(err);
  if (flags.json) process.stdout.write(`${JSON.stringify(error.toJSON(), null, 2)}\n`);
  else {
    process.stderr.write(`${colour.red(`error ${error.code}`)}: ${error.message}\n`);
    const issues = error.details.errors;
    if (Array.isArray(issues)) {
      for (const issue of issues as Array<{ code: string; path: string; message: string }>) {
        process.stderr.write(`  ${issue.code} ${colour.dim(issue.path)} ${issue.message}\n`);
      }
    }
  }
  return EXIT_FAILURE;
}

/** `1 server`, `2 servers`. */
export const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Parses repeated `K=V` flags. */
export function parsePairs(values: string[] | undefined, flag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of values ?? []) {
    const at = item.indexOf('=');
    if (at <= 0) throw new UsageError(`${flag} takes KEY=VALUE, got "${item}".`);
    out[item.slice(0, at)] = item.slice(at + 1);
  }
  return out;
}

/** Commander collector for repeatable flags. */
export const collect = (value: string, previous: string[] = []) => [...previous, value];
