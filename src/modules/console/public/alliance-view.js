// The alliance manager's view: key figures and the five quality charts.
/* global document, URLSearchParams */
import { awardRankChart, count, coverageChart, fixed, funnelChart, hours, lorenzChart, percent, render, trendChart } from './charts.js';
import { DAY, localMidnight } from './format.js';
import { $, api, hideProblem, nameHelpers, showProblem } from './api.js';

// ---- alliance managers ----------------------------------------------------------------------

function kpi(list, key, label, value, raw) {
  const div = Object.assign(document.createElement('div'), { className: 'kpi' });
  div.dataset.kpi = key;
  if (raw !== undefined && raw !== null) div.dataset.value = String(raw);
  div.append(Object.assign(document.createElement('dt'), { textContent: label }), Object.assign(document.createElement('dd'), { textContent: value }));
  list.append(div);
}

function renderKpis(q) {
  const list = $('#kpis');
  list.replaceChildren();
  const e = q.engagements;
  kpi(list, 'members', '成员 Members', count(q.members), q.members);
  kpi(list, 'invitationToBidRate', '邀请→投标率 Invitation→bid rate', percent(q.invitationToBid.rate), q.invitationToBid.rate);
  kpi(list, 'medianHours', '首个投标中位时长 Median hours to first bid', hours(q.timeToFirstBid.medianHours), q.timeToFirstBid.medianHours);
  kpi(list, 'p90Hours', '首个投标 P90 时长 P90 hours to first bid', hours(q.timeToFirstBid.p90Hours), q.timeToFirstBid.p90Hours);
  kpi(list, 'mrr', '平均倒数排名 MRR', fixed(q.awardRank.mrr), q.awardRank.mrr);
  kpi(list, 'ndcgAt10', 'NDCG@10', fixed(q.awardRank.ndcgAt10), q.awardRank.ndcgAt10);
  kpi(list, 'completionRate', '完成率 Completion rate', percent(e.completion.rate), e.completion.rate);
  kpi(list, 'meanRating', `平均评分 Mean rating (${count(e.rating.count)})`, fixed(e.rating.mean, 1), e.rating.mean);
  kpi(list, 'disputeRate', '争议率 Dispute rate', percent(e.disputes.rate), e.disputes.rate);
  kpi(list, 'verdicts', '评审 Verdicts good / poor', `${count(q.verdicts.good)} / ${count(q.verdicts.poor)}`, `${q.verdicts.good}/${q.verdicts.poor}`);
}

export async function loadAlliance(allianceId) {
  const box = $('#alliance-problem');
  hideProblem(box);
  const from = localMidnight($('#period-from').value);
  const to = new Date(localMidnight($('#period-to').value).getTime() + DAY);
  const query = new URLSearchParams({ from: from.toISOString(), to: to.toISOString() });
  const [alliance, quality] = await Promise.allSettled([
    api(`/v1/alliances/${encodeURIComponent(allianceId)}`),
    api(`/v1/alliances/${encodeURIComponent(allianceId)}/quality?${query}`),
  ]);
  $('#alliance-title').textContent = `联盟匹配质量 Alliance match quality · ${alliance.value?.name ?? allianceId}`;
  const view = $('#alliance-view');
  if (quality.status === 'rejected') {
    showProblem(box, quality.reason);
    view.dataset.state = 'error';
    return;
  }
  const q = quality.value;
  renderKpis(q);
  const figure = (name) => $(`figure[data-chart="${name}"]`, view);
  render(figure('funnel'), funnelChart(q));
  render(figure('award-rank'), awardRankChart(q));
  render(figure('lorenz'), lorenzChart(q));
  $('#gini').textContent =
    `基尼系数 Gini：邀请 Invitations ${fixed(q.concentration.invitations.gini)} · 中标金额 Awarded value ${fixed(q.concentration.awardedValue.gini)}`;
  render(figure('coverage'), coverageChart(q, nameHelpers));
  render(figure('trend'), trendChart(q));
  view.dataset.state = 'ready';
}
