/**
 * @module clients/formats/yaml
 * YAML client files (Continue, Goose) through the `yaml` Document API, which keeps comments.
 * Only the servers container is re-rendered, and only when a server changed: every byte before
 * and after it stays as it was. The spliced file is parsed again and checked against the intended
 * document; if the splice cannot be proven right, the whole document is rendered instead.
 */
import { Document, isCollection, isMap, isSeq, parseDocument, type YAMLSeq } from 'yaml';
import { parseNested } from '../../core/nesting.js';
import type { ClientAdapter } from '../adapter.js';
import {
  type ClientServers,
  configInvalid,
  isPlainObject,
  sameValue,
  serversOf,
  splitSource,
} from './source-text.js';

function parseYaml(body: string, adapter: ClientAdapter): Document {
  const what = `The ${adapter.name} config`;
  const doc = parseNested(() => parseDocument(body, { keepSourceTokens: false }), what);
  const first = doc.errors[0];
  if (first) {
    const pos = first.linePos?.[0];
    throw configInvalid(
      adapter,
      `${first.code}: ${first.message.split('\n')[0] ?? ''}`,
      pos && { line: pos.line, column: pos.col },
      {
        error: first.code,
      },
    );
  }
  const root: unknown = parseNested(() => doc.toJS(), what);
  if (root !== null && root !== undefined && !isPlainObject(root)) {
    throw configInvalid(adapter, 'the top level must be a mapping', undefined);
  }
  return doc;
}

/** The client entries of a YAML file by server name. */
export function readYamlServers(text: string, adapter: ClientAdapter): ClientServers {
  const doc = parseYaml(splitSource(text).body, adapter);
  const key = adapter.serversKey;
  return serversOf(adapter, doc.getIn(key) === undefined ? undefined : toJs(doc.getIn(key)), key);
}

function toJs(node: unknown): unknown {
  return isCollection(node) ? node.toJSON() : node;
}

/** Whether block sequences under a key are indented (`key:\n  - a`) or not (`key:\n- a`). */
function detectIndentSeq(body: string): boolean {
  const match = /^([ \t]*)[^\s#-][^\n]*:[ \t]*\r?\n([ \t]*)- /m.exec(body);
  return match ? (match[2]?.length ?? 0) > (match[1]?.length ?? 0) : true;
}

/** The width of the first indented line (2 if none). */
function detectIndent(body: string): number {
  const match = /\n( +)[^\s#]/.exec(body);
  return match?.[1]?.length ?? 2;
}

/** Applies the server changes to the document; false when nothing changed. */
function applyServers(doc: Document, adapter: ClientAdapter, servers: ClientServers): boolean {
  const key = adapter.serversKey;
  const existing = serversOf(adapter, toJs(doc.getIn(key)), key);
  const removed = Object.keys(existing).filter((name) => !Object.hasOwn(servers, name));
  const changed = Object.entries(servers).filter(
    ([name, value]) => !Object.hasOwn(existing, name) || !sameValue(existing[name], value),
  );
  if (removed.length === 0 && changed.length === 0) return false;
  if (adapter.container === 'map') {
    for (const name of removed) doc.deleteIn([...key, name]);
    for (const [name, value] of changed) doc.setIn([...key, name], doc.createNode(value));
    return true;
  }
  let seq = doc.getIn(key, true);
  if (!isSeq(seq)) {
    doc.setIn(key, doc.createNode([]));
    seq = doc.getIn(key, true);
  }
  const items = (seq as YAMLSeq).items;
  const nameOf = (item: unknown) => (isMap(item) ? item.get('name') : undefined);
  for (let i = items.length - 1; i >= 0; i--) {
    const name = nameOf(items[i]);
    if (typeof name === 'string' && removed.includes(name)) items.splice(i, 1);
  }
  for (const [name, value] of changed) {
    const index = items.findIndex((item) => nameOf(item) === name);
    const node = doc.createNode(value);
    if (index >= 0) items[index] = node;
    else items.push(node);
  }
  return true;
}

/**
 * The file with its servers container holding exactly `servers` (foreign entries kept); the same
 * text when nothing changed.
 */
export function writeYamlServers(text: string, adapter: ClientAdapter, servers: ClientServers): string {
  const { bom, body, eol } = splitSource(text);
  const original = parseYaml(body, adapter);
  const doc = parseYaml(body, adapter);
  if (!applyServers(doc, adapter, servers)) return text;
  const options = { lineWidth: 0, indent: detectIndent(body), indentSeq: detectIndentSeq(body) };
  const expected: unknown = doc.toJS();
  const spliced = spliceContainer(body, original, doc, adapter, options);
  const out =
    spliced !== undefined && sameValue(parseDocument(spliced).toJS(), expected)
      ? spliced
      : doc.toString(options);
  const withEol = eol === '\r\n' ? out.replace(/\r?\n/g, '\r\n') : out;
  return `${bom}${withEol}`;
}

type RenderOptions = { lineWidth: number; indent: number; indentSeq: boolean };

/** Replaces only the source range of the servers container with its new rendering. */
function spliceContainer(
  body: string,
  original: Document,
  doc: Document,
  adapter: ClientAdapter,
  options: RenderOptions,
): string | undefined {
  const key = adapter.serversKey;
  const before = original.getIn(key, true);
  const after = doc.getIn(key, true);
  if (!isCollection(after)) return undefined;
  const rendered = renderAlone(after, options);
  if (isCollection(before) && !before.flow && before.range && before.items.length > 0) {
    const [start, valueEnd] = before.range;
    const lineStart = body.lastIndexOf('\n', start - 1) + 1;
    const indent = body.slice(lineStart, start);
    if (indent.trim() !== '' || after.items.length === 0) return undefined;
    // Whitespace that closed the old container (blank lines) keeps separating it from what follows.
    const trailing = /\s*$/.exec(body.slice(start, valueEnd))?.[0] ?? '';
    const text = rendered.replace(/\n$/, '').replace(/\n(?=.)/g, `\n${indent}`);
    return body.slice(0, start) + text + trailing + body.slice(valueEnd);
  }
  if (before === undefined && key.length === 1 && isMap(original.contents) && !original.contents.flow) {
    const indented = rendered.replace(/^(?=.)/gm, ' '.repeat(options.indent));
    const head = body === '' || body.endsWith('\n') ? body : `${body}\n`;
    return `${head}${key[0]}:\n${indented}`;
  }
  return undefined;
}

/** A collection rendered on its own at indentation 0, ending with a newline. */
function renderAlone(node: unknown, options: RenderOptions): string {
  const doc = new Document();
  doc.contents = node as Document['contents'];
  const text = doc.toString(options);
  return text.endsWith('\n') ? text : `${text}\n`;
}
