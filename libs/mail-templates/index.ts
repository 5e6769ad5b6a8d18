/**
 * The emails Seaward sends, in Chinese first and then English, as plain text and HTML, each with a
 * deep link into the web app. Pure: the caller passes the public base URL.
 */

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

export interface Wording {
  zh: string;
  en: string;
}

/**
 * What each notification event says, in the inbox and in the email. Every event the application
 * sends has a line (src/modules/notifications/notification-events.ts fails to compile otherwise).
 */
export const EVENT_WORDING = {
  'request.invited': { zh: '您受邀为一项出海服务需求投标', en: 'You are invited to bid on a service request' },
  'request.question_asked': { zh: '服务商就您的需求提问', en: 'A provider asked about your request' },
  'request.question_answered': { zh: '您对需求的提问已得到答复', en: 'Your question about a request was answered' },
  'request.addendum': { zh: '您受邀的需求有补充说明', en: 'A request you were invited to was amended' },
  'invitation.declined': { zh: '服务商谢绝了您的投标邀请', en: 'A provider declined your invitation' },
  'bid.awarded': { zh: '您的投标已中标', en: 'Your bid was awarded' },
  'bid.lost': { zh: '您的投标未中标', en: 'Your bid was not awarded' },
  'bid.addendum': { zh: '您需求下的一份投标有补充说明', en: 'A bid on your request was amended' },
  'engagement.deliver': { zh: '服务商已提交交付', en: 'The provider delivered' },
  'engagement.accept': { zh: '交付已被验收', en: 'The delivery was accepted' },
  'engagement.rate': { zh: '您收到了一条评价', en: 'You were rated' },
  'engagement.dispute': { zh: '服务项目出现争议', en: 'A dispute was opened' },
  'engagement.cancel': { zh: '服务项目已取消', en: 'An engagement was cancelled' },
  'engagement.awaiting_payment': { zh: '服务项目待付款', en: 'An engagement awaits payment' },
  'engagement.in_progress': { zh: '服务项目已开始', en: 'An engagement is under way' },
  'engagement.delivered': { zh: '服务商已提交交付', en: 'The provider delivered' },
  'engagement.completed': { zh: '服务项目已完成', en: 'An engagement was completed' },
  'engagement.disputed': { zh: '服务项目处于争议中', en: 'An engagement is in dispute' },
  'engagement.cancelled': { zh: '服务项目已取消', en: 'An engagement was cancelled' },
  'engagement.dispute_open': { zh: '服务项目出现争议', en: 'A dispute was opened' },
  'engagement.dispute_won': { zh: '争议已裁决', en: 'A dispute was decided' },
  'engagement.dispute_lost': { zh: '争议已裁决', en: 'A dispute was decided' },
  'engagement.message': { zh: '您收到一条新消息', en: 'You have a new message' },
  'engagement.subsidy_lapsed': { zh: '服务项目的补贴已失效', en: "An engagement's subsidy lapsed" },
  'milestone.funded': { zh: '里程碑款项已存入托管账户', en: 'A milestone was funded into escrow' },
  'milestone.delivered': { zh: '一个里程碑已交付，待企业验收', en: "A milestone was delivered and awaits the enterprise's approval" },
  'milestone.released': { zh: '里程碑款项已放款给服务商', en: 'A milestone was released to the provider' },
  'milestone.refunded': { zh: '里程碑款项已退款', en: 'A milestone was refunded' },
  'milestone.release_reminder': { zh: '里程碑将在 3 天后自动放款', en: 'A milestone is released automatically in 3 days' },
  'milestone.disputed': { zh: '里程碑出现争议', en: 'A milestone is in dispute' },
  'milestone.dispute_proposed': { zh: '争议收到一份处理方案', en: 'A settlement was proposed in a dispute' },
  'milestone.dispute_settled': { zh: '里程碑争议已处理完毕', en: 'A milestone dispute was settled' },
  'enterprise.registered': { zh: '辖区新企业完成注册', en: 'An enterprise registered in your district' },
  'membership.applied': { zh: '服务商申请加入联盟', en: 'A provider applied to join the alliance' },
  'membership.approved': { zh: '联盟审核已通过', en: 'Vetting approved' },
  'membership.suspended': { zh: '联盟成员资格已暂停', en: 'Alliance membership suspended' },
  'program.available_low': { zh: '专项资金余额偏低', en: "A programme's available budget is low" },
  'voucher.issued': { zh: '您获得了一张服务券', en: 'A voucher was issued to you' },
  'voucher.revoked': { zh: '服务券已被撤销', en: 'A voucher was revoked' },
  'voucher.expired': { zh: '服务券已过期', en: 'A voucher expired' },
  'application.received': { zh: '收到一份服务券申请', en: 'A voucher application arrived' },
  'application.approved': { zh: '您的服务券申请已获批准', en: 'Your voucher application was approved' },
  'application.rejected': { zh: '您的服务券申请未获批准', en: 'Your voucher application was rejected' },
  'application.overdue': { zh: '服务券申请已超过处理时限', en: 'A voucher application is past its deadline' },
  'risk_alert.published': { zh: '您业务所在国家发布了风险提示', en: 'A risk alert was published for a country you work in' },
  'risk_alert.raised': { zh: '您业务所在国家的风险提示已升级', en: 'A risk alert for a country you work in was raised' },
  'desk.question_asked': { zh: '诉求专窗收到一个新问题', en: 'A question arrived at the desk' },
  'desk.question_answered': { zh: '您在诉求专窗的问题已得到答复', en: 'Your question to the desk was answered' },
  'desk.question_overdue': { zh: '诉求专窗有问题已超过答复期限', en: 'A desk question is past its due date' },
} as const satisfies Record<string, Wording>;

/** The wording of an event for the inbox and the email. */
export function eventTitle(event: string): Wording {
  return (EVENT_WORDING as Record<string, Wording>)[event] ?? { zh: `通知：${event}`, en: `Notification: ${event}` };
}

/** Where in the web app a notification leads: the object it is about (the web app sends each role to its page of it). */
export function deepLinkOf(data: Record<string, unknown>, baseUrl: string): string {
  const base = baseUrl.replace(/\/$/, '');
  const id = (key: string) => (typeof data[key] === 'string' ? encodeURIComponent(data[key]) : undefined);
  if (id('engagementId')) return `${base}/engagements/${id('engagementId')}`;
  if (id('requestId')) return `${base}/requests/${id('requestId')}`;
  if (id('applicationId')) return `${base}/applications/${id('applicationId')}`;
  if (id('questionId')) return `${base}/desk/${id('questionId')}`;
  // A risk alert is read on its country's page.
  if (Array.isArray(data.countries) && typeof data.countries[0] === 'string') return `${base}/countries/${encodeURIComponent(data.countries[0])}`;
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
