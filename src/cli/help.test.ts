/**
 * Every command's `--help`, walked from the program itself (so a new command is checked too): each
 * has an "Examples:" section with at least one command line.
 */
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram } from './program.js';

function helpOf(cmd: Command): string {
  let text = '';
  cmd.configureOutput({ writeOut: (s) => (text += s), writeErr: (s) => (text += s) });
  cmd.outputHelp();
  return text;
}

function everyCommand(cmd: Command, path: string[] = []): Array<{ path: string; cmd: Command }> {
  return cmd.commands.flatMap((sub) => [
    { path: [...path, sub.name()].join(' '), cmd: sub },
    ...everyCommand(sub, [...path, sub.name()]),
  ]);
}

describe('--help', () => {
  const commands = everyCommand(buildProgram());

  it('walks the whole tree', () => {
    expect(commands.map((c) => c.path)).toEqual(
      expect.arrayContaining(['add', 'deploy', 'draft add', 'keys trust add', 'doctor', 'completion']),
    );
  });

  it.each(commands.map((c) => [c.path, c.cmd] as const))('%s has examples', (path, cmd) => {
    const help = helpOf(cmd);
    const at = help.indexOf('\nExamples:\n');
    expect(at, `"${path} --help" has no "Examples:" section`).toBeGreaterThan(-1);
    const lines = help.slice(at).split('\n').slice(2);
    const examples = lines.filter((l) => l.trim().startsWith('mcp-orchestration '));
    expect(examples.length, `"${path} --help" has no example command line`).toBeGreaterThan(0);
    // Examples of a subcommand use its own command path.
    expect(
      examples.some((l) => l.includes(`mcp-orchestration ${path}`)),
      path,
    ).toBe(true);
  });
});
