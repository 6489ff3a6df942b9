/**
 * @module core/nesting
 * A limit on how deeply input may nest. No config needs more than a handful of levels, and the
 * parsers and the code after them recurse: 10,000 levels would overflow the stack and surface as an
 * INTERNAL_ERROR. Payloads, server definitions, request bodies, tool arguments and client files
 * are all checked, so over-deep input is refused as INVALID_INPUT, naming the limit.
 */
import { OrchestrationError } from './errors.js';

/** The deepest nesting of objects and arrays accepted in any input. */
export const MAX_NESTING_DEPTH = 64;

/** The refusal of input nested past MAX_NESTING_DEPTH; `what` names the input. */
export function tooDeep(what: string): OrchestrationError {
  return new OrchestrationError(
    'INVALID_INPUT',
    `${what} nests objects or arrays more than ${MAX_NESTING_DEPTH} levels deep; flatten it (no MCP config needs that many).`,
    { max_depth: MAX_NESTING_DEPTH },
  );
}

/**
 * Refuses a value that nests deeper than MAX_NESTING_DEPTH. Walks without recursion, so the check
 * itself cannot overflow.
 * @example assertNesting(JSON.parse(text), 'payload.json')
 */
export function assertNesting(value: unknown, what: string): void {
  const pending: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    if (typeof next.value !== 'object' || next.value === null) continue;
    if (next.depth >= MAX_NESTING_DEPTH) throw tooDeep(what);
    for (const child of Object.values(next.value)) pending.push({ value: child, depth: next.depth + 1 });
  }
}

/**
 * Runs a parser and checks the nesting of what it returns. A parser that recurses per level can
 * overflow the stack on absurdly deep text before any check sees the value: that is the same refusal.
 * @example const root = parseNested(() => parse(body), 'claude_desktop_config.json');
 */
export function parseNested<T>(parse: () => T, what: string): T {
  let value: T;
  try {
    value = parse();
  } catch (err) {
    if (err instanceof RangeError && /call stack/i.test(err.message)) throw tooDeep(what);
    throw err;
  }
  assertNesting(value, what);
  return value;
}
