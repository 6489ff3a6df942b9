import { describe, expect, it } from 'vitest';
import { escapeControls } from './output.js';

describe('escapeControls', () => {
  it('shows C0 (but tab and line feed), DEL and C1 controls as \\uXXXX and leaves other text alone', () => {
    expect(escapeControls('a\u001b[31mb\u0007c\rd\u007fe\u0085f\u009bg')).toBe(
      'a\\u001b[31mb\\u0007c\\u000dd\\u007fe\\u0085f\\u009bg',
    );
    expect(escapeControls('line 1\n\tline 2 é ✓ 日本')).toBe('line 1\n\tline 2 é ✓ 日本');
  });
});
