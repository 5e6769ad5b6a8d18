/**
 * The emails Seaward sends, in Chinese first and then English, as plain text and HTML, each with a
 * deep link into the web app. Pure: the caller passes the public base URL.
 */

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

interface Wording {
  zh: string;
  en: string;
}

/** What each notification event says; an event without a line here still goes out with its name. */
const EVENTS: Record<string, Wording> = {
  'request.invited': { zh: '您受邀为一项出海服务需求投标', en: 'You are invited to bid on a service request' },
  'bid.received': { zh: '您的需求收到了新的投标', en: 'Your request received a bid' },
  'bid.awarded': { zh: '您的投标已中标', en: 'Your bid was awarded' },
  'bid.lost': { zh: '您的投标未中标', en: 'Your bid was not awarded' },
  'request.closing_soon': { zh: '投标将在 24 小时内截止', en: 'Bidding closes within 24 hours' },
  'engagement.awaiting_payment': { zh: '服务项目待付款', en: 'An engagement awaits payment' },
  'engagement.paid': { zh: '服务项目已收到付款', en: 'Payment for an engagement was received' },
  'engagement.delivered': { zh: '服务商已提交交付', en: 'The provider delivered' },
  'engagement.accepted': { zh: '交付已被验收', en: 'The delivery was accepted' },
  'engagement.rated': { zh: '您收到了一条评价', en: 'You were rated' },
  'engagement.dispute_open': { zh: '服务项目出现争议', en: 'A dispute was opened' },
  'engagement.dispute_resolved': { zh: '争议已解决', en: 'A dispute was resolved' },
  'enterprise.registered': { zh: '辖区新企业完成注册', en: 'An enterprise registered in your district' },
  'membership.applied': { zh: '服务商申请加入联盟', en: 'A provider applied to join the alliance' },
  'membership.approved': { zh: '联盟审核已通过', en: 'Vetting approved' },
  'membership.suspended': { zh: '联盟成员资格已暂停', en: 'Alliance membership suspended' },
  'membership.expiring': { zh: '联盟审核将在 30 天内到期', en: 'Vetting expires within 30 days' },
  'program.available_low': { zh: '专项资金余额偏低', en: "A programme's available budget is low" },
  'voucher.issued': { zh: '您获得了一张服务券', en: 'A voucher was issued to you' },
  'voucher.expiring': { zh: '服务券将在 14 天内到期', en: 'A voucher expires within 14 days' },
  'voucher.revoked': { zh: '服务券已被撤销', en: 'A voucher was revoked' },
  'voucher.expired': { zh: '服务券已过期', en: 'A voucher expired' },
  'settlement.paid': { zh: '结算款已支付', en: 'A settlement was paid' },
};

/** The wording of an event for the inbox and the email. */
export function eventTitle(event: string): Wording {
  return EVENTS[event] ?? { zh: `通知：${event}`, en: `Notification: ${event}` };
}

/** Where in the web app a notification leads: the object it is about. */
export function deepLinkOf(data: Record<string, unknown>, baseUrl: string): string {
  const base = baseUrl.replace(/\/$/, '');
  const id = (key: string) => (typeof data[key] === 'string' ? encodeURIComponent(data[key]) : undefined);
  if (id('engagementId')) return `${base}/engagements/${id('engagementId')}`;
  if (id('requestId')) return `${base}/requests/${id('requestId')}`;
  if (id('voucherId')) return `${base}/vouchers/${id('voucherId')}`;
  if (id('programId')) return `${base}/programs/${id('programId')}`;
  if (id('enterpriseId')) return `${base}/enterprises/${id('enterpriseId')}`;
  if (id('allianceId')) return `${base}/alliances/${id('allianceId')}`;
  return `${base}/inbox`;
}

export function notificationMail(event: string, data: Record<string, unknown>, baseUrl: string): RenderedMail {
  const title = eventTitle(event);
  const link = deepLinkOf(data, baseUrl);
  const settings = `${baseUrl.replace(/\/$/, '')}/settings/notifications`;
  return compose(`${title.zh} | ${title.en}`, [
    { zh: `${title.zh}。`, en: `${title.en}.` },
    { zh: `查看详情：`, en: 'See it here:', link },
    { zh: '不想再收到此类邮件？请在通知设置中修改：', en: 'To stop these emails, change your notification settings:', link: settings },
  ]);
}

export function invitationMail(data: { organisationName: string; inviterName: string; link: string; expiresAt: string }): RenderedMail {
  const until = data.expiresAt.slice(0, 16).replace('T', ' ');
  return compose(`${data.inviterName} 邀请您加入「${data.organisationName}」 | ${data.inviterName} invited you to join ${data.organisationName}`, [
    {
      zh: `${data.inviterName} 邀请您作为同事加入 Seaward 上的「${data.organisationName}」。`,
      en: `${data.inviterName} invited you to join ${data.organisationName} on Seaward as a colleague.`,
    },
    {
      zh: `登录后点击以下链接接受邀请（${until} UTC 前有效，仅可使用一次）：`,
      en: `Sign in and accept with this link (valid until ${until} UTC, once):`,
      link: data.link,
    },
    { zh: '如果您不认识对方，请忽略此邮件。', en: 'If you do not know them, ignore this email.' },
  ]);
}

type Paragraph = Wording & { link?: string };

/** Chinese first, then English, in both parts. */
function compose(subject: string, paragraphs: Paragraph[]): RenderedMail {
  const textOf = (lang: 'zh' | 'en') => paragraphs.map((p) => (p.link ? `${p[lang]}\n${p.link}` : p[lang])).join('\n\n');
  const htmlOf = (lang: 'zh' | 'en') =>
    paragraphs.map((p) => `<p>${escapeHtml(p[lang])}${p.link ? `<br><a href="${escapeHtml(p.link)}">${escapeHtml(p.link)}</a>` : ''}</p>`).join('\n');
  return {
    subject,
    text: `${textOf('zh')}\n\n——\n\n${textOf('en')}\n`,
    html: `<!doctype html><html><body>\n<div lang="zh-CN">\n${htmlOf('zh')}\n</div>\n<hr>\n<div lang="en">\n${htmlOf('en')}\n</div>\n</body></html>\n`,
  };
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
