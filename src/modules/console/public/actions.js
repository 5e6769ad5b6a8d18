// Every action that changes something: one at a time per form (a double click does one thing),
// with an Idempotency-Key so a retried request is answered, not repeated.
/* global crypto, FormData */
import { api, hideProblem, showProblem } from './api.js';

/**
 * A key per attempt: kept for the same body while the previous attempt had no answer (the
 * network failed, the server faulted), so the retry replays; new once the API has answered.
 */
function keyFor(state, body) {
  const text = JSON.stringify(body ?? null);
  if (!state.key || state.body !== text) state.key = crypto.randomUUID();
  state.body = text;
  return state.key;
}

const states = new WeakMap();

/** POST/PUT with an Idempotency-Key tied to `owner` (a form or button). */
export async function send(owner, path, { method = 'POST', body } = {}) {
  const state = states.get(owner) ?? {};
  states.set(owner, state);
  const idempotencyKey = keyFor(state, body);
  try {
    const result = await api(path, { method, body, idempotencyKey });
    state.key = null;
    return result;
  } catch (error) {
    if (error.status >= 400 && error.status < 500) state.key = null;
    throw error;
  }
}

/**
 * Submits `form` through `action(values, form)`; while it runs the form's buttons are disabled
 * and further submits are ignored. Problems show in `box` (the form's own .problem by default).
 */
export function onSubmit(form, action, box = form.querySelector('.problem')) {
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (form.dataset.busy === 'true') return;
    form.dataset.busy = 'true';
    const buttons = [...form.querySelectorAll('button')];
    buttons.forEach((b) => (b.disabled = true));
    try {
      if (box) hideProblem(box);
      await action(Object.fromEntries(new FormData(form)), form, event.submitter);
      form.dataset.state = 'done';
    } catch (error) {
      form.dataset.state = 'error';
      if (box) showProblem(box, error);
      else throw error;
    } finally {
      form.dataset.busy = 'false';
      // A button a view keeps disabled says so in data-disabled.
      buttons.forEach((b) => (b.disabled = b.dataset.disabled === 'true'));
    }
  });
}
