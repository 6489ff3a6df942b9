import canonicalizePackage from 'canonicalize';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, contentId, sha256Hex } from './canonical.js';

describe('canonicalJson (RFC 8785)', () => {
  it('sorts keys and drops whitespace', () => {
    expect(canonicalJson({ b: 1, a: [true, null, 'x'] })).toBe('{"a":[true,null,"x"],"b":1}');
  });

  it('serialises numbers the ECMAScript way', () => {
    expect(canonicalJson({ n: 1e21, m: 0.1, z: -0, i: 100 })).toBe('{"i":100,"m":0.1,"n":1e+21,"z":0}');
  });

  it('keeps unicode as is and escapes control characters', () => {
    expect(canonicalJson({ s: 'é€😀\n' })).toBe('{"s":"é€😀\\n"}');
  });

  it('is stable under key order and re-parsing (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const once = canonicalJson(value);
        expect(canonicalJson(JSON.parse(once))).toBe(once);
        const shuffled = JSON.parse(JSON.stringify(value), (_k, v) =>
          v && typeof v === 'object' && !Array.isArray(v)
            ? Object.fromEntries(Object.entries(v).reverse())
            : v,
        );
        expect(canonicalJson(shuffled)).toBe(once);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses values that are not JSON', () => {
    expect(() => canonicalJson(undefined)).toThrow(TypeError);
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(TypeError);
    expect(() => canonicalJson([Number.POSITIVE_INFINITY])).toThrow(TypeError);
  });

  it('writes what the canonicalize package writes, for any JSON value (property)', () => {
    const reference = canonicalizePackage as unknown as (value: unknown) => string;
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(canonicalJson(value)).toBe(reference(value));
      }),
      { numRuns: 1000 },
    );
    // Unicode keys sort by UTF-16 code units, undefined members are left out, in arrays null.
    const odd = { é: 1, z: undefined, a: [undefined, 'x'], '😀': 2, '\uFFFF': 3, B: new Date(0) };
    expect(canonicalJson(odd)).toBe(reference(odd));
  });
});

describe('contentId', () => {
  it('is sha256: of the canonical bytes', () => {
    const payload = { mcpServers: { a: { command: 'x' } } };
    expect(contentId(payload)).toBe(`sha256:${sha256Hex('{"mcpServers":{"a":{"command":"x"}}}')}`);
    expect(contentId(payload)).toMatch(/^sha256:[0-9a-f]{64}$/);
  });
});
