import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fileStamp, StampedCache } from './file-stamp.js';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('StampedCache', () => {
  it('answers from memory while the file is unchanged, and reads again after any write', () => {
    dir = mkdtempSync(join(tmpdir(), 'stamp-'));
    const file = join(dir, 'f.json');
    writeFileSync(file, '{"v":"aaaa"}');
    const cache = new StampedCache<{ v: string } | null>();
    let loads = 0;
    const read = () =>
      cache.read(
        file,
        () => {
          loads++;
          return JSON.parse(readFileSync(file, 'utf8'));
        },
        () => null,
      );
    expect(read()).toEqual({ v: 'aaaa' });
    expect(read()).toEqual({ v: 'aaaa' });
    expect(loads).toBe(1);
    // Same length, same second: the change time in nanoseconds still moves.
    writeFileSync(file, '{"v":"bbbb"}');
    expect(read()).toEqual({ v: 'bbbb' });
    // A rename over the file (another inode).
    writeFileSync(`${file}.tmp`, '{"v":"cccc"}');
    renameSync(`${file}.tmp`, file);
    expect(read()).toEqual({ v: 'cccc' });
    expect(loads).toBe(3);
    rmSync(file);
    expect(read()).toBeNull();
    expect(fileStamp(file)).toBeNull();
  });

  it('hands out copies: a caller that changes its value does not change the next one', () => {
    dir = mkdtempSync(join(tmpdir(), 'stamp-'));
    const file = join(dir, 'f.json');
    writeFileSync(file, '{"v":"x"}');
    const cache = new StampedCache<{ v: string }>();
    const load = () => JSON.parse(readFileSync(file, 'utf8'));
    const first = cache.read(file, load, () => ({ v: '' }));
    first.v = 'changed';
    expect(cache.read(file, load, () => ({ v: '' }))).toEqual({ v: 'x' });
  });
});
