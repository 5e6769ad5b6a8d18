// The console's calls to the API (bearer token from sessionStorage), its problems shown in
// place, and the reference names it labels charts with.
/* global document, window, sessionStorage, fetch */

export const TOKEN_KEY = 'seaward.console.token';
export const $ = (selector, root = document) => root.querySelector(selector);

export function logout() {
  sessionStorage.removeItem(TOKEN_KEY);
  window.location.reload();
}

// ---- the API -------------------------------------------------------------------------------

class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

export async function api(path, { method = 'GET', body } = {}) {
  const headers = { Accept: 'application/json, application/problem+json' };
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let res;
  try {
    res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (error) {
    throw new ApiError(0, { title: '网络错误 Network error', detail: String(error?.message ?? error) });
  }
  const text = await res.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    /* not JSON: shown as text below */
  }
  if (!res.ok) {
    const problem = json && typeof json === 'object' ? json : { title: res.statusText || `HTTP ${res.status}`, detail: text.slice(0, 300) };
    throw new ApiError(res.status, { ...problem, instance: problem.instance ?? `${method} ${path}` });
  }
  return json;
}

/** A problem+json answer, readably: status and title, code, detail, each field error, request id. */
export function showProblem(box, error) {
  box.replaceChildren();
  box.hidden = false;
  const p = error instanceof ApiError ? error.problem : { title: '出错了 Something went wrong', detail: String(error?.message ?? error) };
  const status = error instanceof ApiError && error.status ? `${error.status} ` : '';
  const head = document.createElement('p');
  head.append(Object.assign(document.createElement('strong'), { textContent: `${status}${p.title ?? ''}` }));
  if (p.code) head.append(' ', Object.assign(document.createElement('code'), { textContent: p.code }));
  box.append(head);
  if (p.detail) box.append(Object.assign(document.createElement('p'), { textContent: p.detail }));
  if (Array.isArray(p.errors) && p.errors.length) {
    const list = document.createElement('ul');
    for (const e of p.errors) list.append(Object.assign(document.createElement('li'), { textContent: `${e.path}: ${e.message}` }));
    box.append(list);
  }
  const meta = [p.instance, p.requestId && `请求 Request ${p.requestId}`].filter(Boolean).join(' · ');
  if (meta) box.append(Object.assign(document.createElement('small'), { textContent: meta }));
  if (error instanceof ApiError && error.status === 401) {
    box.append(' ', Object.assign(document.createElement('button'), { type: 'button', textContent: '重新登录 Log in again', onclick: logout }));
  }
}

export const hideProblem = (box) => {
  box.hidden = true;
  box.replaceChildren();
};

// ---- reference names ----------------------------------------------------------------------

export const names = { countries: new Map(), categories: new Map() };
const labelOf = (map, code) => map.get(code) ?? code;
export const nameHelpers = {
  country: (code) => labelOf(names.countries, code),
  category: (code) => labelOf(names.categories, code),
};

export async function loadNames() {
  const [countries, categories] = await Promise.allSettled([api('/v1/reference/countries'), api('/v1/reference/categories')]);
  for (const c of countries.value?.data ?? []) names.countries.set(c.code, `${c.nameZh} ${c.code}`);
  for (const c of categories.value?.data ?? []) names.categories.set(c.code, `${c.nameZh} ${c.nameEn}`);
}
