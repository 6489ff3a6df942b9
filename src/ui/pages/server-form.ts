/**
 * @module ui/pages/server-form
 * The fields of a catalog server's add form, generated from its parameters and environment
 * variables: secrets are masked and offered as a `${env:NAME}` reference first. Used by the
 * Catalog (add to drafts) and This machine (add to clients in one step).
 */
import { field, h, uid } from '../dom.js';
import type { ServerEnvVar, ServerParam } from '../types.js';

const envReference = (name: string) => `\${env:${name}}`;

export function paramInput(p: ServerParam): HTMLDivElement {
  const input = h('input', {
    type: 'text',
    name: `param.${p.name}`,
    'data-param': p.name,
    value: p.default,
    placeholder: p.example,
    required: p.required,
  });
  return field(`${p.name}${p.required ? ' (required)' : ''}`, input, p.description);
}

/** A secret: a reference to an environment variable (first, chosen), or a masked value. */
function secretEnvInput(e: ServerEnvVar): HTMLFieldSetElement {
  const group = uid('env');
  const refId = uid('ref');
  const valueId = uid('val');
  const ref = h('input', { type: 'radio', name: group, id: refId, value: 'ref', checked: true });
  const literal = h('input', { type: 'radio', name: group, id: `${valueId}-choice`, value: 'value' });
  const reference = h('input', {
    type: 'text',
    id: `${refId}-name`,
    value: envReference(e.name),
    'data-env-ref': e.name,
  });
  const secret = h('input', {
    type: 'password',
    id: valueId,
    autocomplete: 'off',
    disabled: true,
    'data-env-secret': e.name,
  });
  const sync = () => {
    reference.disabled = !ref.checked;
    secret.disabled = ref.checked;
  };
  ref.addEventListener('change', sync);
  literal.addEventListener('change', sync);
  return h(
    'fieldset',
    { 'data-env': e.name, 'data-secret': 'true' },
    h('legend', {}, `${e.name}${e.required ? ' (required)' : ''}, secret`),
    h('small', { class: 'hint' }, e.description),
    h(
      'div',
      { class: 'choice' },
      ref,
      h('label', { for: refId }, 'Read it from my environment (recommended)'),
    ),
    field(
      'Reference',
      reference,
      'Written as the client’s own variable syntax; the secret stays out of the config.',
    ),
    h(
      'div',
      { class: 'choice' },
      literal,
      h('label', { for: literal.id }, 'Type the value (stored in the config)'),
    ),
    field('Value', secret),
  );
}

export function envInput(e: ServerEnvVar): HTMLElement {
  if (e.secret) return secretEnvInput(e);
  const input = h('input', {
    type: 'text',
    'data-env-plain': e.name,
    value: e.default,
    required: e.required,
  });
  return field(`${e.name}${e.required ? ' (required)' : ''}`, input, e.description);
}

export function collectEnv(form: HTMLFormElement): Record<string, string> {
  const env: Record<string, string> = {};
  for (const set of form.querySelectorAll<HTMLFieldSetElement>('fieldset[data-env]')) {
    const name = set.dataset.env as string;
    const ref = set.querySelector<HTMLInputElement>('[data-env-ref]');
    const secret = set.querySelector<HTMLInputElement>('[data-env-secret]');
    const value = ref && !ref.disabled ? ref.value.trim() : (secret?.value ?? '');
    if (value !== '') env[name] = value;
  }
  for (const input of form.querySelectorAll<HTMLInputElement>('[data-env-plain]')) {
    if (input.value !== '') env[input.dataset.envPlain as string] = input.value;
  }
  return env;
}

/** The parameter values typed into a form made with {@link paramInput}. */
export function collectParams(form: HTMLFormElement): Record<string, string> {
  const params: Record<string, string> = {};
  for (const input of form.querySelectorAll<HTMLInputElement>('[data-param]')) {
    if (input.value !== '') params[input.dataset.param as string] = input.value;
  }
  return params;
}
