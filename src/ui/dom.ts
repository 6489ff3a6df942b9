/**
 * @module ui/dom
 * A tiny element builder: `h('button', { onclick }, 'Save')`. Text is always set as text, never as
 * HTML, so nothing a server or a config file holds can inject markup.
 */
export type Child = Node | string | number | null | undefined | false;

type Props = Record<string, unknown>;

/**
 * Builds an element. `on*` props are listeners, `class`/`for` map to their attributes, `true` is a
 * bare boolean attribute, `false`/`undefined` leave the attribute out, other values are attributes.
 * @example h('label', { for: 'q' }, 'Search')
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props = {},
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === false || value === null) continue;
    if (key.startsWith('on') && typeof value === 'function') {
      el.addEventListener(key.slice(2), value as EventListener);
    } else if (key === 'value' && 'value' in el) {
      (el as HTMLInputElement).value = String(value);
    } else if (key === 'checked' && el instanceof HTMLInputElement) {
      el.checked = value === true;
    } else {
      el.setAttribute(key, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

function append(el: Element, children: (Child | Child[])[]): void {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
}

/** Replaces an element's children. */
export function replace(el: Element, ...children: (Child | Child[])[]): void {
  el.replaceChildren();
  append(el, children);
}

let ids = 0;
/** A fresh id for tying a label to its control. */
export const uid = (prefix = 'f') => `${prefix}-${++ids}`;

/** A labelled control: `<div class="field"><label for>…</label>control hint</div>`. */
export function field(
  label: string,
  control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement,
  hint?: string,
): HTMLDivElement {
  if (!control.id) control.id = uid();
  const hintEl = hint ? h('small', { id: `${control.id}-hint`, class: 'hint' }, hint) : null;
  if (hintEl) control.setAttribute('aria-describedby', hintEl.id);
  return h('div', { class: 'field' }, h('label', { for: control.id }, label), control, hintEl);
}

/** The first 8 hex digits of an artifact id, as the CLI shows it. */
export const shortId = (id: string | null | undefined) =>
  id ? id.replace(/^sha256:/, '').slice(0, 12) : '—';

/**
 * A wide table that scrolls sideways on a narrow screen: a labelled region that the keyboard can
 * focus and scroll, while the page itself never scrolls sideways.
 */
export const scrollBox = (label: string, table: HTMLTableElement) =>
  h('div', { class: 'scroll', role: 'region', 'aria-label': label, tabindex: 0 }, table);
