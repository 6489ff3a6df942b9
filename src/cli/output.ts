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

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/**
 * Stored text (a changelog, a server name, a client file's bytes) may hold terminal commands: ESC
 * and CSI sequences recolour, retitle, move the cursor or set the clipboard. Every C0 control but
 * tab and line feed, DEL and every C1 control is shown as `\uXXXX` instead. `--json` output is
 * data for a program and stays as it is (JSON.stringify escapes C0, ESC included, itself).
 * @example escapeControls('fix\u001b]0;pwned\u0007') // 'fix\\u001b]0;pwned\\u0007'
 */
export function escapeControls(text: string): string {
  return text.replace(CONTROLS, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The result with control characters escaped in every string, before the human form adds colour. */
function escapeStrings<T>(value: T): T {
  if (typeof value === 'string') return escapeControls(value) as T;
  if (Array.isArray(value)) return value.map(escapeStrings) as T;
  if (typeof value !== 'object' || value === null || Object.getPrototypeOf(value) !== Object.prototype)
    return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, escapeStrings(v)])) as T;
}

export function printResult<T>(result: T, flags: CommonFlags, human: (r: T) => string): void {
  if (flags.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else {
    const text = human(escapeStrings(result));
    if (text) process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  }
}

export function printError(err: unknown, flags: CommonFlags): number {
  if (err instanceof UsageError) {
    if (flags.json) {
      process.stdout.write(
        `${JSON.stringify({ error: { code: 'INVALID_INPUT', message: err.message } }, null, 2)}\n`,
      );
    } else process.stderr.write(`${colour.red('error')}: ${escapeControls(err.message)}\n`);
    return EXIT_USAGE;
  }
  const error = err instanceof OrchestrationError ? err : toOrchestrationError(err);
  if (flags.json) process.stdout.write(`${JSON.stringify(error.toJSON(), null, 2)}\n`);
  else {
    process.stderr.write(`${colour.red(`error ${error.code}`)}: ${escapeControls(error.message)}\n`);
    const issues = escapeStrings(error.details.errors);
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
