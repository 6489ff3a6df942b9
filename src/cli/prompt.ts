/**
 * @module cli/prompt
 * Asking the user on a terminal. Only ever used when stdin and stderr are TTYs; scripts and CI
 * must say `--yes` instead, so nothing waits for an answer that never comes.
 */
import { createInterface } from 'node:readline/promises';

/** Whether a question can be asked (an interactive terminal, not `--json`). */
export function canAsk(json: boolean | undefined): boolean {
  return !json && Boolean(process.stdin.isTTY) && Boolean(process.stderr.isTTY);
}

/** Asks a yes/no question on stderr; true only for an answer starting with "y". */
export async function confirm(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await rl.question(`${question} [y/N] `);
    return /^y/i.test(answer.trim());
  } finally {
    rl.close();
  }
}
