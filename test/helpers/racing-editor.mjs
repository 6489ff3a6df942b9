// A user's editor for the lost-edit stress test: waits a given time, then adds one key to a JSON
// file, either in place (truncate and write, as many editors do) or by writing a temp file and
// renaming it over (as VS Code and most clients do). Prints "ready" first and "done" at the end.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';

const [file, delayUs, mode, marker] = process.argv.slice(2);
process.stdout.write('ready\n');
const until = process.hrtime.bigint() + BigInt(delayUs) * 1000n;
while (process.hrtime.bigint() < until) {
  /* spin: a timer is too coarse for a window of microseconds */
}
const doc = JSON.parse(readFileSync(file, 'utf8'));
doc.user = marker;
const text = JSON.stringify(doc, null, 2);
if (mode === 'rename') {
  writeFileSync(`${file}.editor-tmp`, text);
  renameSync(`${file}.editor-tmp`, file);
} else {
  writeFileSync(file, text);
}
process.stdout.write('done\n');
