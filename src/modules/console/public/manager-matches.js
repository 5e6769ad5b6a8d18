// Alliance manager · match reviews: the rankings its members appeared in, request by request,
// each member's factors and reasons, and a verdict (good / poor, with a reason) per match.
/* global URLSearchParams */
import { onSubmit, send } from './actions.js';
import { api, nameHelpers } from './api.js';
import { dateOf, h, table } from './dom.js';
import { fixed, percent } from './format.js';

export const FACTOR_NAMES = {
  country_coverage: '国家覆盖 Country coverage',
  service_fit: '服务匹配 Service fit',
  sector_experience: '行业经验 Sector experience',
  language: '语言 Language',
  quality: '质量 Quality',
  responsiveness: '响应 Responsiveness',
  price_fit: '价格匹配 Price fit',
  track_record: '业绩 Track record',
  voucher_eligibility: '补贴资格 Voucher eligibility',
};
const VERDICTS = { good: '合适 Good', poor: '不合适 Poor' };

function factorTable(match) {
  return table({
    caption: '评分因素 Factors',
    columns: [
      ['factor', '因素 Factor'],
      ['value', '得分 Value'],
      ['weight', '权重 Weight'],
      ['contribution', '贡献 Contribution'],
    ],
    rows: match.factors.map((f) => ({
      key: f.name,
      cells: {
        factor: FACTOR_NAMES[f.name] ?? f.name,
        value: { text: fixed(f.value), value: f.value },
        weight: { text: percent(f.weight), value: f.weight },
        contribution: { text: fixed(f.contribution, 3), value: f.contribution },
      },
    })),
  });
}

function verdictForm(match, onSaved) {
  const name = `verdict-${match.request.id}-${match.providerId}`;
  const form = h(
    'form',
    { className: 'verdict' },
    h(
      'fieldset',
      {},
      h('legend', {}, '评审 Verdict'),
      ...Object.entries(VERDICTS).map(([value, label]) =>
        h(
          'label',
          { className: 'choice' },
          h('input', { type: 'radio', name: 'verdict', value, required: true, checked: match.review?.verdict === value, attrs: { 'data-group': name } }),
          ` ${label}`,
        ),
      ),
      h('label', {}, '理由 Reason ', h('input', { name: 'reason', required: true, maxLength: 2000, value: match.review?.reason ?? '' })),
      h('button', { type: 'submit' }, '保存评审 Save verdict'),
    ),
    h('div', { className: 'problem', role: 'alert', hidden: true }),
  );
  onSubmit(form, async (values) => {
    const saved = await send(form, `/v1/matches/${match.request.id}/${match.providerId}/review`, {
      body: { verdict: values.verdict, reason: values.reason.trim() },
    });
    await onSaved(saved);
  });
  return form;
}

function matchCard(match) {
  const state = h('p', { className: 'review-state', dataset: { verdict: match.review?.verdict ?? '' } });
  const showReview = (review) => {
    state.dataset.verdict = review?.verdict ?? '';
    state.textContent = review ? `已评审 Reviewed ${dateOf(review.reviewedAt)}: ${VERDICTS[review.verdict]} · ${review.reason}` : '未评审 Not reviewed yet';
  };
  showReview(match.review);
  return h(
    'article',
    { className: 'match', dataset: { providerId: match.providerId, requestId: match.request.id } },
    h(
      'h4',
      {},
      `#${match.rank} / ${match.request.candidates} · ${match.providerName} · 得分 Score ${fixed(match.score, 3)} · ${match.invited ? '已邀请 Invited' : '未邀请 Not invited'}`,
    ),
    h('ul', { className: 'reasons' }, ...match.reasons.map((en, i) => h('li', {}, `${match.reasonsZh[i] ?? ''} · ${en}`))),
    factorTable(match),
    state,
    verdictForm(match, async (review) => showReview(review)),
  );
}

function requestCard(matches) {
  const r = matches[0].request;
  const where = r.countries.map((c) => nameHelpers.country(c)).join('、');
  return h(
    'section',
    { className: 'card request', dataset: { requestId: r.id }, attrs: { 'aria-label': r.title } },
    h('h3', {}, r.title),
    h(
      'p',
      { className: 'hint' },
      `${nameHelpers.category(r.category)} · ${where} · 发布 Published ${dateOf(r.publishedAt)} · ${r.status} · 候选 ${r.candidates} candidates`,
    ),
    ...matches.map(matchCard),
  );
}

export async function renderMatches(section, scope) {
  const holder = h('div');
  const more = h('button', { type: 'button', className: 'ghost', onclick: () => void load() }, '加载更多 Load more');
  const all = [];
  let cursor = null;
  const load = async () => {
    const res = await api(`/v1/alliances/${scope.allianceId}/matches?${new URLSearchParams({ limit: '50', ...(cursor ? { cursor } : {}) })}`);
    all.push(...res.data);
    cursor = res.nextCursor;
    more.hidden = !cursor;
    const byRequest = new Map();
    for (const m of all) byRequest.set(m.request.id, [...(byRequest.get(m.request.id) ?? []), m]);
    holder.replaceChildren(
      ...(byRequest.size ? [...byRequest.values()].map(requestCard) : [h('p', {}, '成员尚未出现在任何排名中 No member has been ranked yet')]),
    );
  };
  section.append(
    h('p', { className: 'hint' }, '成员在各需求排名中的位置、评分因素与理由；请逐项评审。Where members ranked, why, and your verdict on each match.'),
    holder,
    more,
  );
  await load();
}
