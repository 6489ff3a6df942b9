/**
 * @module test/docs/guide-runner
 * Runs a markdown guide as a test. Every ```bash block runs in order in one sandbox per guide (a
 * fresh MCP_ORCHESTRATION_HOME, a fake user home, a temp working folder, `mcp-orchestration` on PATH
 * as a shim to the built CLI) with `bash -euo pipefail`; a ```text block after a bash block is the
 * output it must print (stdout and stderr together), with placeholders:
 *
 *   <id>       an id: an artifact id (`sha256:` + 12 to 64 hex digits), a backup, token or deployment id
 *   <hex>      hex digits
 *   <time>     an ISO 8601 UTC time, e.g. 2026-11-24T15:00:00.000Z
 *   <path>     a path (text without spaces)
 *   <version>  a semantic version
 *   <n>        a whole number
 *   ...        alone on a line: any number of lines (or none); inside a line: any text
 *
 * Info strings: ```bash no-run (shown, not run), ```bash exit=N (the block must exit with N).
 * Exported variables and the working folder carry over from one block to the next.
 *
 * A guide that needs a service says so in a comment, `<!-- guide-needs: postgresql -->`; the
 * suite then passes what it made in the sandbox's environment (`DATABASE_URL`, a fresh database).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const PLACEHOLDERS: Record<string, string> = {
  '<id>': '(?:sha256:[0-9a-f]{12,64}|[A-Za-z0-9][A-Za-z0-9._:-]*)',
  '<hex>': '[0-9a-f]+',
  '<time>': '\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?Z',
  '<path>': '\\S+',
  '<version>': '\\d+\\.\\d+\\.\\d+(?:-[0-9A-Za-z.-]+)?',
  '<n>': '\\d+',
  '...': '[^\\n]*',
};

export interface CodeBlock {
  lang: string;
  info: string[];
  code: string;
  /** 1-based line of the opening fence. */
  line: number;
}

export interface Step {
  /** 1-based index among the guide's runnable bash blocks. */
  index: number;
  /** The numbered step of the guide the block sits under ("3"), if any. */
  label: string | undefined;
  block: CodeBlock;
  expected: CodeBlock | undefined;
  exitCode: number;
}

/** Fenced code blocks of a markdown text, with the numbered step (`1.`/`## 1.`) each follows. */
export function codeBlocks(markdown: string): Array<CodeBlock & { label: string | undefined }> {
  const lines = markdown.split('\n');
  const out: Array<CodeBlock & { label: string | undefined }> = [];
  let label: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const numbered = /^(?:#{1,6}\s+)?(?:Step\s+)?(\d+)[.)]\s/.exec(line);
    if (numbered) label = numbered[1];
    const fence = /^(\s*)(`{3,})(\S*)\s*(.*)$/.exec(line);
    if (!fence) continue;
    const [, indent = '', ticks = '```', lang = '', rest = ''] = fence;
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const l = lines[j] as string;
      if (l.trim().startsWith(ticks) && l.trim().replace(/`/g, '') === '') break;
      body.push(l.startsWith(indent) ? l.slice(indent.length) : l);
    }
    out.push({ lang, info: rest.split(/\s+/).filter(Boolean), code: body.join('\n'), line: i + 1, label });
    i = j;
  }
  return out;
}

/** The runnable steps of a guide: bash blocks, each with the text block that follows it. */
export function guideSteps(markdown: string): Step[] {
  const steps: Step[] = [];
  let last: Step | undefined;
  for (const block of codeBlocks(markdown)) {
    if (block.lang === 'bash' || block.lang === 'sh' || block.lang === 'shell') {
      if (block.info.includes('no-run')) {
        last = undefined;
        continue;
      }
      const exit = block.info.find((i) => i.startsWith('exit='));
      last = {
        index: steps.length + 1,
        label: block.label,
        block,
        expected: undefined,
        exitCode: exit ? Number(exit.slice(5)) : 0,
      };
      steps.push(last);
    } else if (block.lang === 'text' && last && !last.expected) {
      last.expected = block;
    } else {
      last = undefined;
    }
  }
  return steps;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const PLACEHOLDER_RE = new RegExp(
  Object.keys(PLACEHOLDERS)
    .map(escapeRegExp)
    .sort((a, b) => b.length - a.length)
    .join('|'),
  'g',
);

/** Normalizes output for comparison: no colour codes, no trailing spaces, no trailing blank lines. */
export function normalize(text: string): string {
  return (
    text
      .replace(/\r\n/g, '\n')
      // biome-ignore lint/suspicious/noControlCharactersInRegex: strips ANSI colour codes
      .replace(/\u001b\[[0-9;]*m/g, '')
      .split('\n')
      .map((l) => l.trimEnd())
      .join('\n')
      .replace(/\n+$/, '')
  );
}

/** A regular expression matching the whole output an expected block describes. */
export function expectedPattern(expected: string): RegExp {
  const parts = normalize(expected)
    .split('\n')
    .map((line) => {
      if (line.trim() === '...') return '(?:[^\\n]*\\n)*?';
      let source = '';
      let at = 0;
      for (const m of line.matchAll(PLACEHOLDER_RE)) {
        source += escapeRegExp(line.slice(at, m.index)) + (PLACEHOLDERS[m[0]] ?? '');
        at = (m.index ?? 0) + m[0].length;
      }
      source += escapeRegExp(line.slice(at));
      return `${source}\\n`;
    });
  return new RegExp(`^${parts.join('')}$`);
}

export function outputMatches(expected: string, actual: string): boolean {
  return expectedPattern(expected).test(`${normalize(actual)}\n`);
}

export interface Sandbox {
  root: string;
  env: NodeJS.ProcessEnv;
  cwd: string;
  cleanup(): void;
}

/** What a guide declares it needs (`<!-- guide-needs: postgresql -->`), e.g. `['postgresql']`. */
export function guideNeeds(markdown: string): string[] {
  return [...markdown.matchAll(/<!--\s*guide-needs:\s*([a-z0-9, -]+?)\s*-->/g)].flatMap((m) =>
    (m[1] ?? '').split(/[\s,]+/).filter(Boolean),
  );
}

/**
 * A fresh sandbox: temp home folders, a temp cwd, and shims for the CLI and its alias bins;
 * `extraEnv` adds what the guide needs (a database URL) to its environment.
 */
export function makeSandbox(
  repo: string,
  bins: Record<string, string>,
  extraEnv: NodeJS.ProcessEnv = {},
): Sandbox {
  const root = mkdtempSync(join(tmpdir(), 'mo-guide-'));
  const bin = join(root, 'bin');
  const links = join(root, 'bin-links');
  const user = join(root, 'user');
  const cwd = join(root, 'work');
  for (const dir of [bin, links, user, cwd]) mkdirSync(dir, { recursive: true });
  for (const [name, target] of Object.entries(bins)) {
    // Alias bins pick their command from their own name, so node must see that name: a link.
    const link = join(links, name);
    symlinkSync(join(repo, target), link);
    const shim = join(bin, name);
    writeFileSync(shim, `#!/bin/sh\nexec "${process.execPath}" "${link}" "$@"\n`);
    chmodSync(shim, 0o755);
  }
  const env: NodeJS.ProcessEnv = {
    PATH: `${bin}:${process.env.PATH ?? '/usr/bin:/bin'}`,
    MCP_ORCHESTRATION_HOME: join(root, 'orch-home'),
    HOME: user,
    USERPROFILE: user,
    XDG_CONFIG_HOME: join(user, '.config'),
    APPDATA: join(user, 'AppData', 'Roaming'),
    LOCALAPPDATA: join(user, 'AppData', 'Local'),
    TMPDIR: join(root, 'tmp'),
    NO_COLOR: '1',
    LANG: 'C.UTF-8',
    LC_ALL: 'C.UTF-8',
    TERM: 'dumb',
    ...extraEnv,
  };
  mkdirSync(env.TMPDIR as string);
  return { root, env, cwd, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

export interface StepOutcome {
  status: number | null;
  output: string;
}

/**
 * Runs one block in the sandbox. Output goes to a file, not a pipe, so a server started in the
 * background (`... &`) does not hold the run open; its pid is recorded and killed by {@link stopBackground}.
 */
export function runStep(sandbox: Sandbox, step: Step, timeoutMs = 60_000): StepOutcome {
  const state = join(sandbox.root, 'shell-state');
  const out = join(sandbox.root, `step-${step.index}.out`);
  const script = join(sandbox.root, `step-${step.index}.sh`);
  writeFileSync(
    script,
    [
      `exec >"${out}" 2>&1 </dev/null`,
      `[ -f "${state}.env" ] && . "${state}.env"`,
      `cd "$(cat "${state}.cwd" 2>/dev/null || echo "${sandbox.cwd}")"`,
      `trap 'jobs -p >>"${sandbox.root}/background.pids"; export -p | grep -v -E "^declare -x (OLDPWD|PWD|SHLVL|_)=" >"${state}.env"; pwd >"${state}.cwd"' EXIT`,
      step.block.code,
      '',
    ].join('\n'),
  );
  const res = spawnSync('bash', ['-euo', 'pipefail', script], {
    cwd: sandbox.cwd,
    env: sandbox.env,
    stdio: 'ignore',
    timeout: timeoutMs,
  });
  let output = '';
  try {
    output = readFileSync(out, 'utf8');
  } catch {
    // no output file: bash did not start
  }
  return { status: res.status, output };
}

/** Stops the processes guides started in the background. */
export function stopBackground(sandbox: Sandbox): void {
  let pids: string[] = [];
  try {
    pids = readFileSync(join(sandbox.root, 'background.pids'), 'utf8').split(/\s+/).filter(Boolean);
  } catch {
    return;
  }
  for (const pid of pids) {
    try {
      process.kill(Number(pid), 'SIGTERM');
    } catch {
      // already gone
    }
  }
}

export interface GuideFailure {
  guide: string;
  step: Step;
  message: string;
}

const describeStep = (guide: string, step: Step) =>
  `${guide}, ${step.label ? `step ${step.label}, ` : ''}bash block ${step.index} (line ${step.block.line})`;

export interface RunOptions {
  /** Added to the sandbox's environment (what the guide needs, e.g. `DATABASE_URL`). */
  env?: NodeJS.ProcessEnv;
}

/** Runs a whole guide; returns the first failure (naming the guide and the step), or undefined. */
export function runGuide(
  guide: string,
  markdown: string,
  repo: string,
  bins: Record<string, string>,
  steps: Step[] = guideSteps(markdown),
  options: RunOptions = {},
): GuideFailure | undefined {
  const sandbox = makeSandbox(repo, bins, options.env);
  try {
    for (const step of steps) {
      const { status, output } = runStep(sandbox, step);
      const where = describeStep(guide, step);
      const shown = `$ ${step.block.code.trim().split('\n').join('\n$ ')}\n--- output ---\n${normalize(output)}`;
      if (status !== step.exitCode) {
        return {
          guide,
          step,
          message: `${where}: exited with ${status ?? 'a timeout'}, expected ${step.exitCode}.\n${shown}`,
        };
      }
      if (step.expected && !outputMatches(step.expected.code, output)) {
        return {
          guide,
          step,
          message: `${where}: the output does not match the text block at line ${step.expected.line}.\n--- expected ---\n${normalize(step.expected.code)}\n${shown}`,
        };
      }
    }
    return undefined;
  } finally {
    stopBackground(sandbox);
    sandbox.cleanup();
  }
}
