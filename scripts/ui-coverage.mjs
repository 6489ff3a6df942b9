// The dashboard's line coverage (npm run check): src/ui/ runs in Chromium, where Vitest's coverage
// cannot see it, so the browser tests record V8's coverage of /ui/app.js for every page
// (test/helpers/browser.ts, into coverage/ui/). This maps the code that ran back to the lines of
// src/ui/ through dist/ui/app.js.map, prints a line a file and the total, and exits 1 below the
// same threshold as the Node code's.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { SourceMapConsumer } from 'source-map-js';

const THRESHOLD = 85;
const DIR = 'coverage/ui';
const BUNDLE = 'dist/ui/app.js';

const fail = (message) => {
  console.error(`ui-coverage: ${message}`);
  process.exit(1);
};

if (!existsSync(`${BUNDLE}.map`)) fail(`${BUNDLE}.map is missing: run "npm run build" first.`);
const records = existsSync(DIR) ? readdirSync(DIR).filter((n) => n.endsWith('.json')) : [];
if (records.length === 0) {
  fail(
    `no browser coverage in ${DIR}/: the dashboard tests record it, and need Chromium ("apt-get install -y chromium").`,
  );
}

const code = readFileSync(BUNDLE, 'utf8');
const UNKNOWN = 0;
const RAN = 1;
const NOT_RUN = 2;
/** Per character of the bundle: ran in at least one page, never ran, or outside any function. */
const merged = new Uint8Array(code.length);
for (const name of records) {
  const { functions } = JSON.parse(readFileSync(join(DIR, name), 'utf8'));
  // Outer ranges first, so that the blocks nested in them (V8's block coverage) override them.
  const ranges = functions
    .flatMap((f) => f.ranges)
    .sort((a, b) => a.startOffset - b.startOffset || b.endOffset - a.endOffset);
  const state = new Uint8Array(code.length);
  for (const r of ranges)
    state.fill(r.count > 0 ? RAN : NOT_RUN, r.startOffset, Math.min(r.endOffset, code.length));
  for (let i = 0; i < state.length; i++) {
    if (state[i] === RAN) merged[i] = RAN;
    else if (state[i] === NOT_RUN && merged[i] === UNKNOWN) merged[i] = NOT_RUN;
  }
}

// Offsets of the bundle's line starts, to turn a mapping's line and column into an offset.
const lineStarts = [0];
for (let i = 0; i < code.length; i++) if (code.charCodeAt(i) === 10) lineStarts.push(i + 1);

const map = JSON.parse(readFileSync(`${BUNDLE}.map`, 'utf8'));
const consumer = new SourceMapConsumer(map);
/** source file -> line -> ran (true) or only seen not running (false). */
const lines = new Map();
const root = resolve('.');
consumer.eachMapping((m) => {
  if (!m.source || m.originalLine == null) return;
  const file = relative(root, resolve('dist/ui', m.source));
  if (!file.startsWith('src/ui/')) return;
  const state = merged[(lineStarts[m.generatedLine - 1] ?? 0) + m.generatedColumn];
  if (state === UNKNOWN) return;
  const perFile = lines.get(file) ?? new Map();
  lines.set(file, perFile);
  perFile.set(m.originalLine, perFile.get(m.originalLine) === true || state === RAN);
});

let total = 0;
let ran = 0;
const rows = [];
for (const [file, perFile] of [...lines].sort(([a], [b]) => a.localeCompare(b))) {
  const n = perFile.size;
  const r = [...perFile.values()].filter(Boolean).length;
  total += n;
  ran += r;
  rows.push(
    `${((100 * r) / n).toFixed(1).padStart(6)}%  ${String(r).padStart(4)}/${String(n).padEnd(4)} ${file}`,
  );
}
const pct = total === 0 ? 0 : (100 * ran) / total;
console.log(rows.join('\n'));
console.log(
  `dashboard (src/ui/) lines run by the browser tests: ${pct.toFixed(2)}% (${ran}/${total}) from ${records.length} page(s); threshold ${THRESHOLD}%`,
);
if (pct < THRESHOLD) fail(`line coverage of src/ui/ (${pct.toFixed(2)}%) is below ${THRESHOLD}%.`);
