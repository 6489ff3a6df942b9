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

  it.each(commands.map((c) => [c.path, c.cmd] as const))(
    '%s examples use only flags that exist',
    (path, cmd) => {
      const program = buildProgram();
      const help = helpOf(cmd);
      const lines = help
        .slice(help.indexOf('\nExamples:\n'))
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l.startsWith('mcp-orchestration '));
      for (const line of lines) {
        // The words up to a pipe, redirect or comment; the command they name is the deepest match.
        const words =
          line
            .split(/\s+[|>#]\s*/)[0]
            ?.split(/\s+/)
            .slice(1) ?? [];
        let target: Command = program;
        for (const word of words) target = target.commands.find((c) => c.name() === word) ?? target;
        const known = new Set(['--help', '-h', ...target.options.flatMap((o) => [o.long, o.short])]);
        for (const word of words.filter((w) => /^--?[a-z]/.test(w))) {
          expect(known.has(word.split('=')[0] ?? word), `${path}: "${line}" uses ${word}`).toBe(true);
        }
      }
    },
  );
});
