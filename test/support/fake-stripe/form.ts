// Stripe's v1 wire format: application/x-www-form-urlencoded with bracket keys, as the SDK's
// queryStringifyRequestData writes it (`metadata[k]=v`, `expand[0]=x`; `null` becomes `k=`).
import { FakeStripeError } from './errors.js';

export type FormValue = string | FormValue[] | FormObject;
export interface FormObject {
  [key: string]: FormValue;
}

const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** `a[b][c]=1&a[d][0]=x&e[]=y` → `{ a: { b: { c: '1' }, d: ['x'] }, e: ['y'] }`. */
export function parseForm(encoded: string): FormObject {
  const root: FormObject = {};
  for (const [key, value] of new URLSearchParams(encoded)) {
    const match = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(key);
    const path = match ? [match[1], ...[...match[2].matchAll(/\[([^[\]]*)\]/g)].map((m) => m[1])] : [key];
    if (path.some((segment) => UNSAFE_KEYS.has(segment))) continue;
    assign(root, path, value);
  }
  return root;
}

function assign(container: FormObject | FormValue[], path: string[], value: string): void {
  const [head, ...rest] = path;
  const key = Array.isArray(container) ? (head === '' ? container.length : Number(head)) : head;
  const slots = container as Record<string | number, FormValue | undefined>;
  if (rest.length === 0) {
    slots[key] = value;
    return;
  }
  let child = slots[key];
  if (child === undefined || typeof child === 'string') {
    child = rest[0] === '' || /^\d+$/.test(rest[0]) ? [] : {};
    slots[key] = child;
  }
  assign(child, rest, value);
}

/** Stable form of parsed params, for telling whether two requests carried the same ones. */
export function canonical(value: FormValue): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`;
}

// Readers that answer like Stripe does when a param has the wrong shape.

export function str(params: FormObject, name: string, required = false): string | undefined {
  const value = params[name];
  if (value === undefined || value === '') {
    if (required) throw missing(name);
    return undefined;
  }
  if (typeof value !== 'string') throw invalid(name, `Invalid string: ${JSON.stringify(value)}`);
  return value;
}

export function int(params: FormObject, name: string, required = false): number | undefined {
  const value = str(params, name, required);
  if (value === undefined) return undefined;
  if (!/^-?\d+$/.test(value) || !Number.isSafeInteger(Number(value))) throw invalid(name, `Invalid integer: ${value}`, 'parameter_invalid_integer');
  return Number(value);
}

export function bool(params: FormObject, name: string): boolean | undefined {
  const value = str(params, name);
  if (value === undefined) return undefined;
  if (value !== 'true' && value !== 'false') throw invalid(name, `Invalid boolean: ${value}`);
  return value === 'true';
}

export function obj(params: FormObject, name: string): FormObject | undefined {
  const value = params[name];
  if (value === undefined || value === '') return undefined;
  if (typeof value === 'string' || Array.isArray(value)) throw invalid(name, `Invalid hash`);
  return value;
}

/** Metadata: string values only; an empty value unsets the key, as on Stripe. */
export function metadata(params: FormObject): Record<string, string> {
  const hash = obj(params, 'metadata') ?? {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(hash)) {
    if (typeof v !== 'string') throw invalid(`metadata[${k}]`, 'Invalid metadata value: must be a string');
    if (v !== '') out[k] = v;
  }
  return out;
}

export function missing(param: string): FakeStripeError {
  return new FakeStripeError(400, { type: 'invalid_request_error', code: 'parameter_missing', param, message: `Missing required param: ${param}.` });
}

export function invalid(param: string, message: string, code?: string): FakeStripeError {
  return new FakeStripeError(400, { type: 'invalid_request_error', code, param, message });
}

/** A nested param, `dig(params, 'controller', 'stripe_dashboard', 'type')`; undefined when absent. */
export function dig(value: FormValue | undefined, ...path: string[]): FormValue | undefined {
  let current = value;
  for (const key of path) {
    if (current === undefined || typeof current === 'string' || Array.isArray(current)) return undefined;
    current = current[key];
  }
  return current;
}
