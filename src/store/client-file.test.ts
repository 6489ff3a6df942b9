import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempHome, type TempHome } from '../../test/helpers/temp-home.js';
import { editClientFile } from './client-file.js';
import { HomeLayout } from './home.js';

let temp: TempHome;
afterEach(() => temp?.cleanup());

describe('editClientFile', () => {
  it('redoes the edit on the new bytes when another writer changes the file meanwhile', async () => {
    temp = makeTempHome();
    const home = new HomeLayout(temp.home);
    const file = join(temp.root, 'client.json');
    writeFileSync(file, 'A');
    const backups: Array<string | null> = [];
    let calls = 0;
    const outcome = await editClientFile(
      home,
      file,
      (before) => {
        calls++;
        // The client writes its own change while we compute ours (first attempt only).
        if (calls === 1) writeFileSync(file, 'B');
        return Buffer.from(`${before?.toString() ?? ''}+ours`);
      },
      (old) => {
        backups.push(old?.toString() ?? null);
      },
    );
    expect(readFileSync(file, 'utf8')).toBe('B+ours');
    expect(outcome.attempts).toBe(2);
    expect(backups).toEqual(['A', 'B']);
  });

  it('checks for another writer after its own bytes are on disk, right before the rename', async () => {
    temp = makeTempHome();
    const home = new HomeLayout(temp.home);
    const file = join(temp.root, 'late.json');
    writeFileSync(file, 'A');
    const backups: Array<string | null> = [];
    let renames = 0;
    const outcome = await editClientFile(
      home,
      file,
      (before) => Buffer.from(`${before?.toString() ?? ''}+ours`),
      (old) => {
        backups.push(old?.toString() ?? null);
      },
      {
        // The user saves while our temp file is being written and fsynced.
        beforeRename: () => {
          if (renames++ === 0) writeFileSync(file, 'B');
        },
      },
    );
    expect(readFileSync(file, 'utf8')).toBe('B+ours');
    expect(outcome).toMatchObject({ attempts: 2, changed: true });
    expect(backups).toEqual(['A', 'B']);
    // No temp or pin file is left beside the client's file.
    expect(readdirSync(temp.root).filter((f) => f.includes('late.json') && f !== 'late.json')).toEqual([]);
  });

  it('creates a missing file and its folders; a dry run writes nothing', async () => {
    temp = makeTempHome();
    const home = new HomeLayout(temp.home);
    const file = join(temp.root, 'new', 'dir', 'client.json');
    const dry = await editClientFile(
      home,
      file,
      () => Buffer.from('x'),
      () => {},
      { dryRun: true },
    );
    expect(dry.changed).toBe(true);
    expect(existsSync(file)).toBe(false);
    const real = await editClientFile(
      home,
      file,
      () => Buffer.from('x'),
      () => {},
    );
    expect(real.before).toBeNull();
    expect(readFileSync(file, 'utf8')).toBe('x');
  });

  it('gives up with WRITE_FAILED when the file never stops changing', async () => {
    temp = makeTempHome();
    const home = new HomeLayout(temp.home);
    const file = join(temp.root, 'busy.json');
    writeFileSync(file, '0');
    let n = 0;
    await expect(
      editClientFile(
        home,
        file,
        (before) => {
          writeFileSync(file, String(++n));
          return Buffer.from(`${before?.toString()}!`);
        },
        () => {},
      ),
    ).rejects.toThrow(/kept changing/);
  });
});
