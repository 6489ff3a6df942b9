/**
 * @module ui/feedback
 * How the pages report: errors exactly as the CLI prints them (`error CODE: message`, then each
 * validation issue), a progress line while a call runs, and short notices.
 */
import { ApiError } from './api.js';
import { h, replace } from './dom.js';

/** An error box: code and message, plus the validation issues in `details.errors`. */
export function errorBox(err: unknown): HTMLElement {
  const e = err instanceof ApiError ? err : new ApiError('INTERNAL_ERROR', String(err));
  const issues = Array.isArray(e.details.errors)
    ? (e.details.errors as { code: string; path: string; message: string }[])
    : [];
  return h(
    'div',
    { class: 'error', role: 'alert' },
    h('p', {}, h('strong', {}, 'error '), h('code', { class: 'code' }, e.code), `: ${e.message}`),
    issues.length > 0
      ? h(
          'ul',
          {},
          issues.map((i) =>
            h('li', {}, h('code', { class: 'code' }, i.code), ' ', h('code', {}, i.path), ` ${i.message}`),
          ),
        )
      : null,
  );
}

/** A notice that screen readers announce. */
export const notice = (text: string | Node) => h('div', { class: 'notice', role: 'status' }, text);

/**
 * Runs a call with visible progress: the button is disabled and marked busy, a progress bar and a
 * label show in the `out` element, and the result or the error replaces them.
 */
export async function withProgress<T>(
  out: HTMLElement,
  label: string,
  call: () => Promise<T>,
  button?: HTMLButtonElement,
): Promise<T | undefined> {
  replace(out, h('p', { class: 'progress' }, h('progress', { 'aria-label': label }), ` ${label}…`));
  out.setAttribute('aria-busy', 'true');
  if (button) button.disabled = true;
  try {
    const result = await call();
    replace(out);
    return result;
  } catch (err) {
    replace(out, errorBox(err));
    return undefined;
  } finally {
    out.removeAttribute('aria-busy');
    if (button) button.disabled = false;
  }
}
