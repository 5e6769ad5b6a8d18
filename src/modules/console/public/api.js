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

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

export async function api(path, { method = 'GET', body, idempotencyKey, accept } = {}) {
  const headers = { Accept: accept ?? 'application/json, application/problem+json' };
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (idempotencyKey) headers['Idempotency-Key'] = idempotencyKey;
  let res;
  try {
    res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (error) {
    throw new ApiError(0, { title: '网络错误 Network error', detail: String(error?.message ?? error) });
  }
  // A file (the settlement CSV) as its bytes: decoding it as text would drop its BOM.
  if (res.ok && accept && !accept.includes('json')) return res.blob();
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

/** Each stable error code of docs/api.md in Chinese: the title, and what to do about it. */
const CODES_ZH = {
  validation_failed: ['输入有误', '请按下列字段说明修改后重试。'],
  unauthenticated: ['未登录或令牌无效', '请重新登录。'],
  forbidden: ['无权执行此操作', '此角色不能执行该操作。'],
  not_found: ['未找到', '该对象不存在，或不属于您所在的机构。'],
  conflict: ['状态不允许此操作', '对象当前的状态不允许此操作，请刷新后查看。'],
  idempotency_key_reused: ['重复提交的内容不同', '同一幂等键已用于另一请求，请刷新后重试。'],
  budget_exhausted: ['预算不足', '项目可用预算不足以覆盖此金额。'],
  cap_exceeded: ['超出上限', '金额超出单券或企业集团上限。'],
  voucher_not_applicable: ['补贴券不适用', '该补贴券不适用于此采购。'],
  provider_not_eligible: ['服务商不符合条件', '该服务商不符合项目的服务商规则。'],
  rate_limited: ['请求过于频繁', '请稍后再试。'],
  service_busy: ['服务繁忙', '请稍后再试。'],
  dependency_unavailable: ['依赖服务暂不可用', '请稍后再试。'],
};

/** A problem+json answer, readably in both languages: status and title, code, detail, each field error, request id. */
export function showProblem(box, error) {
  box.replaceChildren();
  box.hidden = false;
  const p = error instanceof ApiError ? error.problem : { title: '出错了 Something went wrong', detail: String(error?.message ?? error) };
  const status = error instanceof ApiError && error.status ? `${error.status} ` : '';
  const [zhTitle, zhDetail] = CODES_ZH[p.code] ?? [];
  const head = document.createElement('p');
  head.append(Object.assign(document.createElement('strong'), { textContent: `${status}${zhTitle ? `${zhTitle} ` : ''}${p.title ?? ''}` }));
  if (p.code) head.append(' ', Object.assign(document.createElement('code'), { textContent: p.code }));
  box.append(head);
  if (zhDetail) box.append(Object.assign(document.createElement('p'), { textContent: zhDetail, lang: 'zh-CN' }));
  if (p.detail) box.append(Object.assign(document.createElement('p'), { textContent: p.detail, lang: 'en' }));
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
