/**
 * No lost edits (issue #13, finding 1): a user's editor writes the client file while a deploy
 * edits it. At each of the deploy's own moments (found by hooks, not by chance), the user's edit
 * is in the file afterwards and the deploy was redone on top of it: a rename before the pin, a
 * rename after the pin, an edit in place after the check. The deploy code before this change lost
 * 37 and 43 of 60 edits at random moments.
 *
 * Random moments run in `npm run stress` (bench/stress-lost-edits.mjs, hundreds of trials), not
 * here: what is left there cannot be closed from Node (project-docs/DECISIONS.md, "The lost-edit
 * window that Node cannot close"), and a unit test that fails by chance says nothing about the code.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempHome, type TempHome } from '../../test/helpers/temp-home.js';
import { editClientFile } from './client-file.js';
import { HomeLayout } from './home.js';

let temp: TempHome;
beforeAll(() => {
  temp = makeTempHome();
});
afterAll(() => temp.cleanup());

/** The deploy's edit in trial `i`: its own server, on whatever the file holds. */
function deployMemory(i: number) {
  return (before: Buffer | null) => {
    const doc = JSON.parse(before?.toString('utf8') ?? '{}');
    doc.mcpServers = { memory: { command: 'npx', args: [String(i)] } };
    return Buffer.from(JSON.stringify(doc, null, 2));
  };
}

describe('a rename editor at the last moment before the check', () => {
  it('is found by the check, kept, and the deploy redone on top of it', async () => {
    const file = join(temp.root, 'client-last-moment.json');
    for (let i = 0; i < 20; i++) {
      writeFileSync(file, JSON.stringify({ mcpServers: {} }, null, 2));
      let renamed = false;
      const outcome = await editClientFile(new HomeLayout(temp.home), file, deployMemory(i), () => {}, {
        beforeRename: () => {
          if (renamed) return;
          renamed = true;
          // The user's editor saves by rename while our new bytes wait in their temp file.
          const doc = JSON.parse(readFileSync(file, 'utf8'));
          doc.user = `edit-${i}`;
          writeFileSync(`${file}.editor-tmp`, JSON.stringify(doc, null, 2));
          renameSync(`${file}.editor-tmp`, file);
        },
      });
      const final = JSON.parse(readFileSync(file, 'utf8'));
      expect(final.user).toBe(`edit-${i}`);
      expect(final.mcpServers.memory.args).toEqual([String(i)]);
      expect(outcome.attempts).toBe(2);
    }
  });
});

describe('a rename editor after the pin, before the identity check', () => {
  it('is found by the identity check, kept, and the deploy redone on top of it', async () => {
    const file = join(temp.root, 'client-after-pin.json');
    for (let i = 0; i < 20; i++) {
      writeFileSync(file, JSON.stringify({ mcpServers: {} }, null, 2));
      let renamed = false;
      const outcome = await editClientFile(new HomeLayout(temp.home), file, deployMemory(i), () => {}, {
        afterPin: () => {
          if (renamed) return;
          renamed = true;
          // The bytes we pinned and read are the old ones; the path now names the editor's file.
          const doc = JSON.parse(readFileSync(file, 'utf8'));
          doc.user = `edit-${i}`;
          writeFileSync(`${file}.editor-tmp`, JSON.stringify(doc, null, 2));
          renameSync(`${file}.editor-tmp`, file);
        },
      });
      const final = JSON.parse(readFileSync(file, 'utf8'));
      expect(final.user).toBe(`edit-${i}`);
      expect(final.mcpServers.memory.args).toEqual([String(i)]);
      expect(outcome.attempts).toBe(2);
    }
  });
});

describe('an edit in place after the check, before the rename', () => {
  it('is read back from the displaced file, kept, and the deploy redone on top of it', async () => {
    const file = join(temp.root, 'client-in-place-late.json');
    for (let i = 0; i < 20; i++) {
      writeFileSync(file, JSON.stringify({ mcpServers: {} }, null, 2));
      let edited = false;
      const outcome = await editClientFile(new HomeLayout(temp.home), file, deployMemory(i), () => {}, {
        afterPin: () => {
          if (edited) return;
          edited = true;
          // The bytes were pinned and read; the user's editor now rewrites the same file in place.
          const doc = JSON.parse(readFileSync(file, 'utf8'));
          doc.user = `edit-${i}`;
          writeFileSync(file, JSON.stringify(doc, null, 2));
        },
      });
      const final = JSON.parse(readFileSync(file, 'utf8'));
      expect(final.user).toBe(`edit-${i}`);
      expect(final.mcpServers.memory.args).toEqual([String(i)]);
      expect(outcome.attempts).toBe(2);
    }
  });
});
