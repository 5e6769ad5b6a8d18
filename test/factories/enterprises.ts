import { randomUUID } from 'node:crypto';
import { usccCheckCharacter } from '../../libs/uscc/index.js';
import type { Api } from '../support/harness.js';

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** A well-formed, unique USCC: legal-person code 91, Shanghai's division code, random organisation code. */
export function fakeUscc(division = '310104'): string {
  let organisation = '';
  for (let i = 0; i < 9; i++) organisation += ALPHABET[Math.floor(Math.random() * ALPHABET.length)];
  const first17 = `91${division}${organisation}`;
  return first17 + usccCheckCharacter(first17);
}

export function enterpriseBody(overrides: Record<string, unknown> = {}) {
  return { name: '上海示例电池科技有限公司', uscc: fakeUscc(), district: 'xuhui', sector: '38', sme: true, ...overrides };
}

/** Registers an enterprise as itself; returns its id and a token acting for it. */
export async function createEnterprise(api: Api, overrides: Record<string, unknown> = {}) {
  const id = randomUUID();
  const token = await api.token('enterprise', id);
  const res = await api.http.post('/v1/enterprises').auth(token, { type: 'bearer' }).send(enterpriseBody(overrides));
  if (res.status !== 201) throw new Error(`createEnterprise: ${res.status} ${JSON.stringify(res.body)}`);
  return { id, token, body: res.body as Record<string, unknown> };
}
