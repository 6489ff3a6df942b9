#!/usr/bin/env node
/**
 * @module cli/main
 * The `mcp-orchestration` entry point. A bare `--version` is answered before anything else loads
 * (commander, the command modules and zod cost several times Node's own start-up); every other
 * invocation loads the command tree from `program.ts`.
 */
import { realpathSync } from 'node:fs';
import * as nodeModule from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { VERSION } from '../version.js';

const VERSION_FLAGS = new Set(['--version', '-V']);

function isEntryPoint(): boolean {
  try {
    return realpathSync(process.argv[1] ?? '') === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

const entry = isEntryPoint();
// Node 22.1+ keeps the compiled code of our modules between runs (in the OS temp folder, or
// $NODE_COMPILE_CACHE); on Node 20 the function does not exist and start-up is as before.
if (entry) (nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.();
const argv = process.argv.slice(2);
const versionOnly = entry && argv.length === 1 && VERSION_FLAGS.has(argv[0] ?? '');
// Same text as commander's own `--version` (see program.ts), without loading it.
if (versionOnly) process.stdout.write(`mcp-orchestration ${VERSION}\n`);
const program = versionOnly ? undefined : await import('./program.js');

/** The command tree (for docs generation and tests). */
export function buildProgram(): Command {
  if (!program) throw new Error('cli/main was loaded to print the version only');
  return program.buildProgram();
}

/** Runs the CLI with `argv` (without node and script); resolves when the command is done. */
export async function main(args: string[]): Promise<void> {
  return (program ?? (await import('./program.js'))).main(args);
}

if (entry && !versionOnly) await main(argv);
