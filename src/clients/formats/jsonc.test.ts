/**
 * Surgical JSON/JSONC edits of the servers container: the result must look hand-written in the
 * file's own style, and no byte outside the container may change.
 */
import { findNodeAtLocation, type ParseError, parseTree } from 'jsonc-parser';
import { describe, expect, it } from 'vitest';
import { getAdapter } from '../index.js';
import { readJsonServers, writeJsonServers } from './jsonc.js';
import type { ClientServers } from './source-text.js';

const cursor = getAdapter('cursor');
const s = (command: string) => ({ command });

/** [offset of `{`, offset after `}`] of the mcpServers container. */
function containerRange(text: string): [number, number] {
  const bom = text.startsWith('\uFEFF') ? 1 : 0;
  const errors: ParseError[] = [];
  const tree = parseTree(text.slice(bom), errors, { allowTrailingComma: true, disallowComments: false });
  expect(errors).toEqual([]);
  const node = tree && findNodeAtLocation(tree, ['mcpServers']);
  if (!node) throw new Error('no mcpServers container');
  return [bom + node.offset, bom + node.offset + node.length];
}

/** Writes, then checks: parses, exact servers, bytes outside the container kept, idempotent. */
function write(before: string, servers: ClientServers): string {
  const after = writeJsonServers(before, cursor, servers);
  expect(readJsonServers(after, cursor)).toEqual(servers);
  const [from, to] = containerRange(before);
  const [from2, to2] = containerRange(after);
  expect(after.slice(0, from2 + 1)).toBe(before.slice(0, from + 1));
  expect(after.slice(to2 - 1)).toBe(before.slice(to - 1));
  expect(writeJsonServers(after, cursor, servers)).toBe(after);
  return after;
}

const lines = (...l: string[]) => `${l.join('\n')}\n`;

describe('trailing comma after the last entry', () => {
  const before = lines('{', '  "mcpServers": {', '    "b": {', '      "command": "b"', '    },', '  },', '}');

  it('removing the last entry while adding another keeps the comma after the new last entry', () => {
    expect(write(before, { c: s('c') })).toBe(
      lines('{', '  "mcpServers": {', '    "c": {', '      "command": "c"', '    },', '  },', '}'),
    );
    const two = lines(
      '{',
      '  "mcpServers": {',
      '    "a": { "command": "a" },',
      '    "b": { "command": "b" },',
      '  },',
      '}',
    );
    expect(write(two, { a: s('a'), c: s('c'), d: s('d') })).toBe(
      lines(
        '{',
        '  "mcpServers": {',
        '    "a": { "command": "a" },',
        '    "c": {',
        '      "command": "c"',
        '    },',
        '    "d": {',
        '      "command": "d"',
        '    },',
        '  },',
        '}',
      ),
    );
  });

  it('removing every entry leaves a valid empty container', () => {
    expect(write(before, {})).toBe(lines('{', '  "mcpServers": {},', '}'));
  });

  it('a file without trailing commas does not get one', () => {
    const strict = lines(
      '{',
      '  "mcpServers": {',
      '    "a": {"command": "a"},',
      '    "b": {"command": "b"}',
      '  }',
      '}',
    );
    expect(write(strict, { a: s('a') })).toBe(
      lines('{', '  "mcpServers": {', '    "a": {"command": "a"}', '  }', '}'),
    );
    expect(write(strict, { a: s('a'), c: s('c') })).toBe(
      lines(
        '{',
        '  "mcpServers": {',
        '    "a": {"command": "a"},',
        '    "c": {',
        '      "command": "c"',
        '    }',
        '  }',
        '}',
      ),
    );
  });
});

describe('removing an entry keeps its neighbours', () => {
  it('keeps a comment after the previous comma and a compact neighbour', () => {
    const before = lines(
      '{',
      '  "mcpServers": {',
      '    "a": {"command":"a"}, // about a',
      '    "b": { "command": "b" }',
      '  }',
      '}',
    );
    expect(write(before, { a: s('a') })).toBe(
      lines('{', '  "mcpServers": {', '    "a": {"command":"a"} // about a', '  }', '}'),
    );
  });

  it('removes the comments directly above the entry, keeps those above the next one', () => {
    const before = lines(
      '{',
      '  "mcpServers": {',
      '    // first',
      '    "a": { "command": "a" },',
      '    // about b',
      '    "b": {"command":"b"},',
      '    // kept: a blank line separates it from c',
      '',
      '    /* c */',
      '    "c": {"command":"c"} // c note',
      '  }',
      '}',
    );
    expect(write(before, { b: s('b'), c: s('c') })).toBe(
      lines(
        '{',
        '  "mcpServers": {',
        '    // about b',
        '    "b": {"command":"b"},',
        '    // kept: a blank line separates it from c',
        '',
        '    /* c */',
        '    "c": {"command":"c"} // c note',
        '  }',
        '}',
      ),
    );
    expect(write(before, { a: s('a'), c: s('c') })).toBe(
      lines(
        '{',
        '  "mcpServers": {',
        '    // first',
        '    "a": { "command": "a" },',
        '    // kept: a blank line separates it from c',
        '',
        '    /* c */',
        '    "c": {"command":"c"} // c note',
        '  }',
        '}',
      ),
    );
    expect(write(before, { a: s('a'), b: s('b') })).toBe(
      lines(
        '{',
        '  "mcpServers": {',
        '    // first',
        '    "a": { "command": "a" },',
        '    // about b',
        '    "b": {"command":"b"}',
        '    // kept: a blank line separates it from c',
        '',
        '  }',
        '}',
      ),
    );
  });

  it('removes a last entry that shares its line with the closing brace', () => {
    const before = lines(
      '{',
      '  "mcpServers": {',
      '    "a": {"command":"a"},',
      '    "b": {"command":"b"}},',
      '  "x": 1',
      '}',
    );
    expect(write(before, { a: s('a') })).toBe(
      lines('{', '  "mcpServers": {', '    "a": {"command":"a"}},', '  "x": 1', '}'),
    );
    expect(write(before, { a: s('a'), c: s('c') })).toBe(
      lines(
        '{',
        '  "mcpServers": {',
        '    "a": {"command":"a"},',
        '    "c": {',
        '      "command": "c"',
        '    }},',
        '  "x": 1',
        '}',
      ),
    );
    // A line comment before it keeps its line break (the brace must not become part of it).
    const commented = lines('{', '  "mcpServers": {', '    "a": 1, // a', '    "b": 2}', '}');
    expect(write(commented, { a: 1 })).toBe(lines('{', '  "mcpServers": {', '    "a": 1 // a', '}', '}'));
  });

  it('edits a one-line container on its line', () => {
    const before =
      '{"mcpServers": {"a": {"command": "a"}, "b": {"command": "b"}, "c": {"command": "c"}}, "x": 1}';
    expect(write(before, { a: s('a'), c: s('c') })).toBe(
      '{"mcpServers": {"a": {"command": "a"}, "c": {"command": "c"}}, "x": 1}',
    );
    expect(write(before, { b: s('b'), c: s('c') })).toBe(
      '{"mcpServers": {"b": {"command": "b"}, "c": {"command": "c"}}, "x": 1}',
    );
    expect(write(before, { a: s('a'), b: s('b') })).toBe(
      '{"mcpServers": {"a": {"command": "a"}, "b": {"command": "b"}}, "x": 1}',
    );
    expect(write(before, { a: s('A'), c: s('c'), d: s('d') })).toBe(
      '{"mcpServers": {"a": {"command": "A"}, "c": {"command": "c"}, "d": {"command": "d"}}, "x": 1}',
    );
    expect(write(before, {})).toBe('{"mcpServers": {}, "x": 1}');
  });
});

describe('removing the first, middle and last entries', () => {
  const names = ['a', 'b', 'c'];
  const layouts: Record<string, string> = {
    plain: lines(
      '{',
      '  "x": 1,',
      '  "mcpServers": {',
      '    "a": {',
      '      "command": "a"',
      '    },',
      '    "b": {',
      '      "command": "b"',
      '    },',
      '    "c": {',
      '      "command": "c"',
      '    }',
      '  },',
      '  "y": 2',
      '}',
    ),
    'trailing commas': lines(
      '{',
      '  "mcpServers": {',
      '    "a": { "command": "a" },',
      '    "b": { "command": "b" },',
      '    "c": { "command": "c" },',
      '  },',
      '}',
    ),
    'comments between entries': lines(
      '{',
      '  // top',
      '  "mcpServers": { // servers',
      '    "a": { "command": "a" }, // a',
      '    // b',
      '    "b": { "command": "b" }, /* b */',
      '    /* c */',
      '    "c": { "command": "c" } // c',
      '    // end',
      '  }',
      '}',
    ),
    'comments and trailing commas': lines(
      '{',
      '  "mcpServers": {',
      '    // a',
      '    "a": { "command": "a" },',
      '',
      '    // b',
      '    "b": { "command": "b" }, // b',
      '    "c": { "command": "c" }, // c',
      '  },',
      '}',
    ),
    'one line': '{"mcpServers":{"a":{"command":"a"},"b":{"command":"b"},"c":{"command":"c"}}}',
  };
  for (const [layout, before] of Object.entries(layouts)) {
    for (const removed of names) {
      it(`${layout}: removes ${removed}`, () => {
        const kept = Object.fromEntries(names.filter((n) => n !== removed).map((n) => [n, s(n)]));
        const after = write(before, kept);
        // The kept entries' lines are untouched (but for the comma of a new last entry).
        const afterLines = after.split('\n');
        for (const line of before.split('\n')) {
          const name = /^\s*"(\w)": /.exec(line)?.[1];
          if (!name || name === removed) continue;
          const withoutComma = line.replace(/\}, /, '} ').replace(/\},$/, '}');
          expect(afterLines.includes(line) || afterLines.includes(withoutComma)).toBe(true);
        }
        expect(after).not.toContain(`"${removed}"`);
        // Adding one back and removing the rest also gives exactly what was asked.
        write(after, { ...kept, z: s('z') });
        write(after, {});
      });
    }
  }

  it('keeps the kept entries byte for byte and the comments of other entries', () => {
    const before = layouts['comments between entries'] as string;
    expect(write(before, { a: s('a'), c: s('c') })).toBe(
      lines(
        '{',
        '  // top',
        '  "mcpServers": { // servers',
        '    "a": { "command": "a" }, // a',
        '    /* c */',
        '    "c": { "command": "c" } // c',
        '    // end',
        '  }',
        '}',
      ),
    );
    expect(write(before, { a: s('a'), b: s('b') })).toBe(
      lines(
        '{',
        '  // top',
        '  "mcpServers": { // servers',
        '    "a": { "command": "a" }, // a',
        '    // b',
        '    "b": { "command": "b" } /* b */',
        '    // end',
        '  }',
        '}',
      ),
    );
    expect(write(before, { b: s('b'), c: s('c') })).toBe(
      lines(
        '{',
        '  // top',
        '  "mcpServers": { // servers',
        '    // b',
        '    "b": { "command": "b" }, /* b */',
        '    /* c */',
        '    "c": { "command": "c" } // c',
        '    // end',
        '  }',
        '}',
      ),
    );
  });
});

describe('inserting several entries in one pass', () => {
  const three = { a: s('a'), b: s('b'), c: s('c') };

  it('into an empty container', () => {
    expect(write(lines('{', '  "mcpServers": {},', '  "x": true', '}'), three)).toBe(
      lines(
        '{',
        '  "mcpServers": {',
        '    "a": {',
        '      "command": "a"',
        '    },',
        '    "b": {',
        '      "command": "b"',
        '    },',
        '    "c": {',
        '      "command": "c"',
        '    }',
        '  },',
        '  "x": true',
        '}',
      ),
    );
    expect(write(lines('{', '  "mcpServers": {', '    // none yet', '  }', '}'), three)).toBe(
      lines(
        '{',
        '  "mcpServers": {',
        '    // none yet',
        '    "a": {',
        '      "command": "a"',
        '    },',
        '    "b": {',
        '      "command": "b"',
        '    },',
        '    "c": {',
        '      "command": "c"',
        '    }',
        '  }',
        '}',
      ),
    );
  });

  it('into a non-empty container, after the last entry and its comment', () => {
    const before = lines('{', '  "mcpServers": {', '    "x": {"command": "x"} // x', '  }', '}');
    expect(write(before, { x: s('x'), ...three })).toBe(
      lines(
        '{',
        '  "mcpServers": {',
        '    "x": {"command": "x"}, // x',
        '    "a": {',
        '      "command": "a"',
        '    },',
        '    "b": {',
        '      "command": "b"',
        '    },',
        '    "c": {',
        '      "command": "c"',
        '    }',
        '  }',
        '}',
      ),
    );
  });

  it('into a one-line file', () => {
    expect(write('{"mcpServers":{}}', three)).toBe(
      '{"mcpServers":{"a":{"command":"a"},"b":{"command":"b"},"c":{"command":"c"}}}',
    );
    expect(write('{"mcpServers": {"x": {"command": "x"}}}\n', { x: s('x'), ...three })).toBe(
      '{"mcpServers": {"x": {"command": "x"}, "a": {"command": "a"}, "b": {"command": "b"}, "c": {"command": "c"}}}\n',
    );
  });

  it('into a tab-indented file', () => {
    const before = '{\n\t"mcpServers": {\n\t\t"x": {"command": "x"}\n\t},\n\t"y": 1\n}';
    expect(write(before, { x: s('x'), ...three })).toBe(
      '{\n\t"mcpServers": {\n\t\t"x": {"command": "x"},\n\t\t"a": {\n\t\t\t"command": "a"\n\t\t},\n\t\t"b": {\n\t\t\t"command": "b"\n\t\t},\n\t\t"c": {\n\t\t\t"command": "c"\n\t\t}\n\t},\n\t"y": 1\n}',
    );
  });

  it('into a CRLF file with a BOM', () => {
    const before = '\uFEFF{\r\n    "mcpServers": {\r\n    },\r\n    "y": [1]\r\n}\r\n';
    const after = write(before, three);
    expect(after).toBe(
      '\uFEFF{\r\n    "mcpServers": {\r\n        "a": {\r\n            "command": "a"\r\n        },\r\n        "b": {\r\n            "command": "b"\r\n        },\r\n        "c": {\r\n            "command": "c"\r\n        }\r\n    },\r\n    "y": [1]\r\n}\r\n',
    );
    expect(after.replaceAll('\r\n', '')).not.toContain('\n');
  });

  it('a thousand servers at once', () => {
    const many = Object.fromEntries(
      Array.from({ length: 1000 }, (_, i) => [
        `server-${i}`,
        { command: 'npx', args: ['-y', `pkg-${i}`], env: { I: `${i}` } },
      ]),
    );
    const before = lines(
      '{',
      '  // keep',
      '  "mcpServers": {',
      '    "old": {"command": "old"},',
      '  },',
      '  "z": 0',
      '}',
    );
    const after = write(before, many);
    expect(Object.keys(readJsonServers(after, cursor))).toEqual(Object.keys(many));
    expect(after.endsWith(lines('    },', '  },', '  "z": 0', '}'))).toBe(true);
  });
});

describe('replacing changed entries in one pass', () => {
  it('replaces 2 of 3 entries in place, the third keeps its bytes', () => {
    const before = lines(
      '{',
      '  "mcpServers": {',
      '    "a": {"command": "a"}, // a',
      '    "b": { "command": "b" },',
      '    "c": {',
      '      "command": "c"',
      '    }',
      '  }',
      '}',
    );
    expect(write(before, { a: s('A'), b: s('b'), c: { command: 'C', args: ['x'] } })).toBe(
      lines(
        '{',
        '  "mcpServers": {',
        '    "a": {',
        '      "command": "A"',
        '    }, // a',
        '    "b": { "command": "b" },',
        '    "c": {',
        '      "command": "C",',
        '      "args": [',
        '        "x"',
        '      ]',
        '    }',
        '  }',
        '}',
      ),
    );
  });

  it('entries sharing a line stay on it', () => {
    const before = lines(
      '{',
      '  "mcpServers": {',
      '    "a": {"command": "a"}, "b": {"command": "b"},',
      '    "c": {"command": "c"}',
      '  }',
      '}',
    );
    expect(write(before, { a: s('A'), b: s('B'), c: s('c') })).toBe(
      lines(
        '{',
        '  "mcpServers": {',
        '    "a": {"command": "A"}, "b": {"command": "B"},',
        '    "c": {"command": "c"}',
        '  }',
        '}',
      ),
    );
    expect(write(before, { a: s('a'), c: s('c') })).toBe(
      lines('{', '  "mcpServers": {', '    "a": {"command": "a"},', '    "c": {"command": "c"}', '  }', '}'),
    );
    expect(write(before, { b: s('b'), c: s('c') })).toBe(
      lines('{', '  "mcpServers": {', '    "b": {"command": "b"},', '    "c": {"command": "c"}', '  }', '}'),
    );
  });
});
