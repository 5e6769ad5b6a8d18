// Alliance manager · members: applications and members with their vetting status and expiry,
// applications first, then the soonest to expire; approve with a term, suspend with a reason.
import { onSubmit, send } from './actions.js';
import { api } from './api.js';
import { dateOf, h, table } from './dom.js';
import { DAY, isoDay } from './format.js';

const STATUS = { pending: '待审核 Applied', active: '有效 Active', suspended: '已暂停 Suspended', lapsed: '已失效 Lapsed' };
const ORDER = { pending: 0, active: 1, suspended: 2, lapsed: 3 };
const providerNames = new Map();

async function nameOf(id) {
  if (!providerNames.has(id))
    providerNames.set(
      id,
      api(`/v1/providers/${id}`).then(
        (p) => p.name,
        () => id,
      ),
    );
  return providerNames.get(id);
}

/** Applications by when they came in, then members by how soon their vetting runs out. */
export function byUrgency(a, b) {
  const expiry = (m) => (m.vettedUntil ? Date.parse(m.vettedUntil) : Number.POSITIVE_INFINITY);
  return ORDER[a.status] - ORDER[b.status] || expiry(a) - expiry(b) || Date.parse(a.appliedAt) - Date.parse(b.appliedAt);
}

function expiryText(m, now) {
  if (!m.vettedUntil) return { text: '–', value: '' };
  const days = Math.ceil((Date.parse(m.vettedUntil) - now) / DAY);
  const left = days < 0 ? `已过期 ${-days} 天 expired ${-days} d ago` : `剩 ${days} 天 ${days} d left`;
  return { text: `${dateOf(m.vettedUntil)} (${left})`, value: m.vettedUntil };
}

function approveForm(allianceId, m, refresh) {
  const label = m.status === 'pending' ? '批准 Approve' : m.status === 'active' ? '续期 Renew' : '恢复 Reinstate';
  const form = h(
    'form',
    { className: 'inline approve' },
    h(
      'label',
      {},
      '审核有效至 Vetted until ',
      h('input', { name: 'until', type: 'date', required: true, min: isoDay(new Date(Date.now() + DAY)), value: isoDay(new Date(Date.now() + 365 * DAY)) }),
    ),
    h('button', { type: 'submit' }, label),
    h('div', { className: 'problem', role: 'alert', hidden: true }),
  );
  onSubmit(form, async (values) => {
    await send(form, `/v1/alliances/${allianceId}/members/${m.providerId}/approve`, {
      body: { vettedUntil: new Date(`${values.until}T23:59:59+08:00`).toISOString() },
    });
    await refresh();
  });
  return form;
}

function suspendForm(allianceId, m, refresh) {
  const form = h(
    'form',
    { className: 'inline suspend' },
    h('label', {}, '暂停原因 Reason to suspend ', h('input', { name: 'reason', required: true, maxLength: 1000 })),
    h('button', { type: 'submit', className: 'danger' }, '暂停 Suspend'),
    h('div', { className: 'problem', role: 'alert', hidden: true }),
  );
  onSubmit(form, async (values) => {
    await send(form, `/v1/alliances/${allianceId}/members/${m.providerId}/suspend`, { body: { reason: values.reason.trim() } });
    await refresh();
  });
  return form;
}

export async function renderMembers(section, scope) {
  const allianceId = scope.allianceId;
  const holder = h('div');
  const refresh = async () => {
    const members = (await api(`/v1/alliances/${allianceId}/members`)).data.sort(byUrgency);
    const names = await Promise.all(members.map((m) => nameOf(m.providerId)));
    const now = Date.now();
    const applied = members.filter((m) => m.status === 'pending').length;
    const soon = members.filter((m) => m.status === 'active' && m.vettedUntil && Date.parse(m.vettedUntil) - now < 30 * DAY).length;
    holder.replaceChildren(
      h('p', { className: 'hint' }, `待审核 Applications ${applied} · 30 天内到期 Expiring within 30 days ${soon} · 共 Total ${members.length}`),
      table({
        caption: '成员与申请 Members and applications',
        columns: [
          ['provider', '服务商 Provider'],
          ['status', '状态 Status'],
          ['until', '审核有效至 Vetted until'],
          ['applied', '申请 Applied'],
          ['reason', '暂停原因 Suspension reason'],
          ['actions', '操作 Actions'],
        ],
        rows: members.map((m, i) => ({
          key: m.providerId,
          cells: {
            provider: names[i],
            status: { text: STATUS[m.status] ?? m.status, value: m.status },
            until: expiryText(m, now),
            applied: dateOf(m.appliedAt),
            reason: m.suspendedReason ?? '',
            actions: h(
              'div',
              { className: 'row-actions' },
              approveForm(allianceId, m, refresh),
              ['pending', 'active'].includes(m.status) ? suspendForm(allianceId, m, refresh) : null,
            ),
          },
        })),
      }),
    );
  };
  section.append(holder);
  await refresh();
}
