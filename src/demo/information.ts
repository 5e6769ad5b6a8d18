import { DAY_MS } from '../../libs/time/index.js';
import type { SeawardClient } from './api-client.js';
import type { DemoEnterprise } from './enterprises.js';

const GUIDE_ZH = `## 为什么是中东

沙特"2030 愿景"与阿联酋的产业多元化，为新能源、汽车零部件和数字经济企业打开了市场。

## 准入要点

- **沙特**：外资设立公司须取得投资部（MISA）许可，再办商业登记（CR）。
- **境内手续**：先完成境外投资备案（ODI：商务、发改、外汇三项）。
- **本地化**：关注 Saudization（本地雇员比例）要求。

## 徐汇区的支持

出海服务券可抵扣 30% 的法律、财税与咨询服务费，单家企业上限 30 万元。`;

const GUIDE_EN = `## Why the Middle East

Saudi Vision 2030 and the UAE's diversification open markets for new energy, auto parts and the digital economy.

## Market entry

- **Saudi Arabia**: a foreign-owned company needs a MISA licence, then its commercial registration (CR).
- **At home**: file the outbound investment first (ODI: MOFCOM, NDRC and SAFE).
- **Localisation**: plan for Saudization quotas.

## Xuhui's support

The district's voucher covers 30% of legal, tax and consulting fees, up to 300,000 RMB per enterprise.`;

const ODI_QUESTIONS = [
  '在沙特设立全资子公司，境外投资备案需要准备哪些材料？',
  '境外投资金额 300 万美元以下，发改委备案可以在区里办吗？',
  '阿联酋自贸区公司的 ODI 备案与本土公司有什么不同？',
  '以香港公司为中间层投资越南，ODI 如何填报最终目的地？',
  '增资境外子公司是否需要重新办理 ODI 变更？',
];

/** How the 18 questions of Jing'an's window ended (docs/product.md: 18 enterprises served, 2 ODI approvals). */
const OUTCOMES = ['odi_approved', 'odi_approved', 'odi_filed', 'odi_filed', 'odi_filed', 'odi_filed', 'referred', 'referred', 'referred', 'referred'] as const;
const ANSWERED_ONLY = 4;
const JINGAN_QUESTIONS = 18;

/**
 * Xuhui's Middle East guide (《中东投资攻略》), a risk alert for Saudi Arabia, and Jing'an's ODI
 * window with its 18 questions, 2 of them ended in an ODI approval. Each part is skipped when it
 * is already there, so seeding again changes nothing.
 */
export async function ensureInformation(client: SeawardClient, enterprises: readonly DemoEnterprise[], now: Date, log: (line: string) => void): Promise<void> {
  const xuhui = await client.actor('district_officer', 'xuhui');
  const briefs = await client.get<{ data: { publisher: { org: string } }[] }>(null, '/v1/countries/SA/briefs');
  if (!briefs.data.some((b) => b.publisher.org === 'xuhui')) {
    await client.post(
      xuhui,
      '/v1/countries/SA/briefs',
      { titleZh: '中东投资攻略', titleEn: 'Middle East investment guide', bodyZh: GUIDE_ZH, bodyEn: GUIDE_EN },
      [201],
    );
  }

  const alerts = await client.get<{ data: unknown[] }>(null, '/v1/risk-alerts?country=SA');
  if (alerts.data.length === 0) {
    const published = await client.post<{ notifiedEnterprises: number }>(
      xuhui,
      '/v1/risk-alerts',
      {
        countries: ['SA'],
        level: 2,
        titleZh: '沙特阿拉伯：夏季高温施工与劳工合规提示',
        titleEn: 'Saudi Arabia: summer heat, site work and labour compliance',
        bodyZh: '6 月 15 日至 9 月 15 日中午时段禁止户外作业，请核对承包商的劳工合规安排。',
        bodyEn: 'Outdoor work is banned at midday from 15 June to 15 September; check your contractors’ labour compliance.',
        validFrom: new Date(now.getTime() - DAY_MS).toISOString(),
        validTo: new Date(now.getTime() + 90 * DAY_MS).toISOString(),
      },
      [201],
    );
    log(`risk alert for SA: enterprises told: ${published.notifiedEnterprises}`);
  }

  const jingan = await client.actor('district_officer', 'jingan');
  const desk = await client.get<{ asked: number }>(jingan, '/v1/desk/summary');
  if (desk.asked > 0) return;
  const askers = enterprises.filter((e) => e.district === 'jingan');
  for (let i = 0; i < JINGAN_QUESTIONS; i++) {
    const enterprise = await client.actor('enterprise', askers[i % askers.length]!.id);
    const { id } = await client.post<{ id: string }>(
      enterprise,
      '/v1/desk/questions',
      { topic: 'odi_filing', text: ODI_QUESTIONS[i % ODI_QUESTIONS.length] },
      [201],
    );
    if (i >= OUTCOMES.length + ANSWERED_ONLY) continue; // still open on the desk
    await client.post(jingan, `/v1/desk/questions/${id}/take`, undefined, [200]);
    await client.post(jingan, `/v1/desk/questions/${id}/answer`, { answer: '请按商务部境外投资备案指引准备材料，区窗口可预审。' }, [200]);
    const outcome = OUTCOMES[i];
    if (outcome) await client.post(jingan, `/v1/desk/questions/${id}/close`, { outcome }, [200]);
  }
  log(`Jing'an desk: ${JINGAN_QUESTIONS} ODI questions, 2 ended "odi_approved"`);
}
