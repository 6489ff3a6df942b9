import { describe, expect, it } from 'vitest';
import { assertNesting, MAX_NESTING_DEPTH, parseNested } from './nesting.js';

/** `levels` objects and arrays inside each other. */
function nested(levels: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < levels; i++) value = i % 2 ? { a: value } : [value];
  return value;
}

function refusal(fn: () => unknown): Record<string, unknown> {
  try {
    fn();
  } catch (err) {
    return err as Record<string, unknown>;
  }
  throw new Error('expected a refusal');
}

describe('nesting limit', () => {
  it(`accepts ${MAX_NESTING_DEPTH} levels and refuses one more with INVALID_INPUT naming the limit`, () => {
    expect(() => assertNesting(nested(MAX_NESTING_DEPTH), 'payload.json')).not.toThrow();
    const err = refusal(() => assertNesting(nested(MAX_NESTING_DEPTH + 1), 'payload.json'));
    expect(err).toMatchObject({ code: 'INVALID_INPUT', details: { max_depth: MAX_NESTING_DEPTH } });
    expect(err.message).toContain(
      `payload.json nests objects or arrays more than ${MAX_NESTING_DEPTH} levels`,
    );
  });

  it('refuses 100,000 levels without overflowing the stack itself', () => {
    expect(refusal(() => assertNesting(nested(100_000), 'x'))).toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('a parser that overflows the stack on deep text gives the same refusal', () => {
    const recurse = (n: number): number => (n === 0 ? 0 : 1 + recurse(n - 1));
    expect(refusal(() => parseNested(() => recurse(10_000_000), 'config.json'))).toMatchObject({
      code: 'INVALID_INPUT',
    });
    expect(parseNested(() => JSON.parse('{"a":[1]}'), 'x')).toEqual({ a: [1] });
  });
});
