/**
 * @module http/log
 * Request log lines, one JSON object a line on stderr. Lines are batched and written once per turn
 * of the event loop: a synchronous write per request was the largest cost of a request under load.
 */

let pending: string[] = [];
let scheduled = false;

function flush(): void {
  scheduled = false;
  if (pending.length === 0) return;
  const out = pending.join('');
  pending = [];
  process.stderr.write(out);
}

// Lines still waiting when the process ends are written, not lost.
process.once('exit', flush);

/** Queues one log line; it reaches stderr before the next turn of the event loop ends. */
export function writeLogLine(line: object): void {
  pending.push(`${JSON.stringify(line)}\n`);
  if (!scheduled) {
    scheduled = true;
    setImmediate(flush);
  }
}

/** Writes every queued line now (on shutdown). */
export const flushLog = flush;
