import type { DemoEnterprise } from './enterprises.js';
import { UnexpectedResponse, type SeawardClient } from './api-client.js';
import type { DemoProgram, ProgramKey } from './programs.js';

const rmb = (yuan: number) => ({ amount: yuan * 100, currency: 'CNY' });
const DAY_MS = 86_400_000;

const NEEDS = [
  { need: '沙特子公司设立与 ODI 备案（演示）Saudi subsidiary and ODI filing (demo)', country: 'SA', service: 'odi_filing' },
  { need: '越南工厂劳动合规审查（演示）Labour compliance review for a Vietnam plant (demo)', country: 'VN', service: 'entity_setup' },
  { need: '阿联酋商标注册（演示）Trademark registration in the UAE (demo)', country: 'AE', service: 'odi_filing' },
];

/**
 * The city's side of the demo (issue 28): three enterprises of each programme's district apply
 * for a voucher; the officer approves the first (a ¥20,000 voucher through the programme's issue
 * path, or a reasoned rejection when its group is already at the cap), rejects the second and
 * leaves the third waiting. Returns how many ended in each state.
 */
export async function seedApplications(
  client: SeawardClient,
  programs: Record<ProgramKey, DemoProgram>,
  enterprises: DemoEnterprise[],
  now: Date,
): Promise<Record<'approved' | 'rejected' | 'pending', number>> {
  const counts = { approved: 0, rejected: 0, pending: 0 };
  for (const program of Object.values(programs)) {
    const applicants = enterprises.filter((e) => e.district === program.view.district).slice(-3);
    for (const [i, enterprise] of applicants.entries()) {
      const actor = await client.actor('enterprise', enterprise.id);
      const body = { ...NEEDS[i % NEEDS.length]!, estimatedPrice: rmb(80_000 + 40_000 * i) };
      const { id } = await client.post<{ id: string }>(actor, `/v1/programs/${program.view.id}/applications`, body, [201]);
      if (i === 2) {
        counts.pending += 1;
        continue;
      }
      if (i === 0 && (await approve(client, program, id, now))) {
        counts.approved += 1;
        continue;
      }
      const reason =
        i === 0
          ? '企业集团已达本项目上限（演示）The group is at the programme cap (demo)'
          : '所需服务不在本年度支持范围（演示）Outside this year’s scope (demo)';
      await client.post(program.officer, `/v1/applications/${id}/reject`, { reason }, [200]);
      counts.rejected += 1;
    }
  }
  return counts;
}

async function approve(client: SeawardClient, program: DemoProgram, id: string, now: Date): Promise<boolean> {
  const expiresAt = new Date(now.getTime() + 120 * DAY_MS).toISOString();
  try {
    await client.post(program.officer, `/v1/applications/${id}/approve`, { faceValue: rmb(20_000), expiresAt }, [200]);
    return true;
  } catch (error) {
    if (error instanceof UnexpectedResponse && error.status === 409) return false;
    throw error;
  }
}
