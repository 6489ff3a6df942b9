/**
 * `completion bash|zsh|fish` through the binary, each script run in its own shell: bash through its
 * completion function with COMP_WORDS/COMP_CWORD, fish through `complete -C`, zsh through its
 * function with the completion builtins replaced by ones that print. The scripts come from the
 * command tree, so every command and subcommand of the program must complete.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/program.js';
import { runCli } from '../helpers/cli.js';
import { makeTempHome, type TempHome } from '../helpers/temp-home.js';

let temp: TempHome;
const script: Record<string, string> = {};

beforeAll(() => {
  temp = makeTempHome('mo-completion-');
  for (const shell of ['bash', 'zsh', 'fish']) {
    const r = runCli(['completion', shell], temp.env);
    expect(r.status).toBe(0);
    script[shell] = join(temp.root, `completion.${shell}`);
    writeFileSync(script[shell], r.stdout);
  }
});
afterAll(() => temp.cleanup());

const has = (shell: string) => spawnSync(shell, ['-c', 'exit 0']).status === 0;

function shell(command: string, args: string[], input?: string): string {
  const r = spawnSync(command, args, {
    encoding: 'utf8',
    input,
    env: { PATH: process.env.PATH ?? '', HOME: temp.userHome },
  });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return r.stdout;
}

const BASH_DRIVER = `source "$1"; shift
COMP_WORDS=("$@"); COMP_CWORD=$(( \${#COMP_WORDS[@]} - 1 )); COMPREPLY=()
_mcp_orchestration
printf '%s\\n' "\${COMPREPLY[@]}"`;

/** Completions bash offers when the line is `words` and the cursor ends the last word. */
const bash = (...words: string[]) =>
  shell('bash', [
    '--norc',
    '--noprofile',
    '-c',
    BASH_DRIVER,
    'drive',
    script.bash ?? '',
    'mcp-orchestration',
    ...words,
  ])
    .split('\n')
    .filter(Boolean);

/** Every command path of the program, e.g. "keys trust add". */
function commandPaths(): string[][] {
  const out: string[][] = [];
  const visit = (cmd: ReturnType<typeof buildProgram>, path: string[]) => {
    for (const sub of cmd.commands) {
      out.push([...path, sub.name()]);
      visit(sub, [...path, sub.name()]);
    }
  };
  visit(buildProgram(), []);
  return out;
}

describe('completion bash', () => {
  it('registers the function for the command', () => {
    expect(
      shell('bash', [
        '--norc',
        '--noprofile',
        '-c',
        `source "${script.bash}"; complete -p mcp-orchestration`,
      ]),
    ).toContain('-F _mcp_orchestration mcp-orchestration');
  });

  it('completes commands, flags, client ids and server ids', () => {
    expect(bash('dep')).toEqual(['deploy']);
    expect(bash('deploy', '--client', 'cu')).toEqual(['cursor']);
    expect(bash('add', 'mem')).toEqual(['memory']);
    expect(bash('draft', 'add', 'mem')).toEqual(['memory']);
    expect(bash('servers', 'show', 'filesys')).toEqual(['filesystem']);
    expect(bash('keys', 'trust', 'a')).toEqual(['add']);
    expect(bash('draft', 'a')).toEqual(['add', 'add-custom']);
    expect(bash('deploy', '--sc')).toEqual(['--scope']);
    expect(bash('deploy', '--scope', '')).toEqual(['user', 'project']);
    expect(bash('export', '--format', 'y')).toEqual(['yaml']);
    expect(bash('token', 'create', '--role', 'r')).toEqual(['reader']);
    // The last id of a comma-separated list, after the ones already typed.
    expect(bash('add', 'memory', '--clients', 'claude-desktop,vsc')).toEqual(['claude-desktop,vscode']);
    // Flags and their values before the command do not count as words of the command.
    expect(bash('--home', '/tmp/x', 'dep')).toEqual(['deploy']);
    expect(bash('deploy', '--client', 'cursor', '--dry')).toEqual(['--dry-run']);
  });

  it('knows every command and subcommand of the program', () => {
    for (const path of commandPaths()) {
      const last = path.at(-1) ?? '';
      expect(bash(...path.slice(0, -1), last), path.join(' ')).toContain(last);
    }
  });
});

describe('completion zsh', () => {
  it('parses, and completes through its function', () => {
    if (!has('zsh')) {
      // No zsh here: at least the parts zsh needs must be there.
      expect(runCli(['completion', 'zsh'], temp.env).stdout).toMatch(
        /^#compdef mcp-orchestration\n[\s\S]*compdef _mcp_orchestration mcp-orchestration/,
      );
      return;
    }
    shell('zsh', ['-n', script.zsh ?? '']);
    const driver = `compdef() { :; }
compadd() { while [[ $# -gt 0 && "$1" != "--" ]]; do shift; done; shift; print -l -- "$@"; }
compset() { :; }
source "$1"; shift
words=("$@"); CURRENT=$#words
_mcp_orchestration`;
    const zsh = (...words: string[]) => {
      const last = words.at(-1) ?? '';
      // compadd leaves filtering by the typed prefix to zsh; do it here.
      return shell('zsh', ['-f', '-c', driver, 'drive', script.zsh ?? '', 'mcp-orchestration', ...words])
        .split('\n')
        .filter((w) => w !== '' && w.startsWith(last));
    };
    expect(zsh('dep')).toEqual(['deploy']);
    expect(zsh('deploy', '--client', 'cu')).toEqual(['cursor']);
    expect(zsh('add', 'mem')).toEqual(['memory']);
    expect(zsh('keys', 'trust', 'a')).toEqual(['add']);
  });
});

describe('completion fish', () => {
  it('parses, and completes with complete -C', () => {
    if (!has('fish')) {
      expect(runCli(['completion', 'fish'], temp.env).stdout).toContain(
        "complete -c mcp-orchestration -f -a '(",
      );
      return;
    }
    shell('fish', ['-n', script.fish ?? '']);
    const fish = (line: string) =>
      shell('fish', ['-c', `source ${script.fish}; complete -C '${line}'`])
        .split('\n')
        .filter(Boolean)
        .map((l) => l.split('\t')[0]);
    expect(fish('mcp-orchestration dep')).toEqual(['deploy']);
    expect(fish('mcp-orchestration deploy --client cu')).toEqual(['cursor']);
    expect(fish('mcp-orchestration add mem')).toEqual(['memory']);
    expect(fish('mcp-orchestration deploy --clients cursor,clau')).toEqual([
      'cursor,claude-code',
      'cursor,claude-desktop',
    ]);
  });
});

describe('completion', () => {
  it('refuses a shell it does not know as wrong usage', () => {
    const r = runCli(['completion', 'tcsh'], temp.env);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('"bash", "zsh" or "fish"');
  });
});
