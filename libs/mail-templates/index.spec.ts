import { describe, expect, it } from '@jest/globals';
import { deepLinkOf, invitationMail, notificationMail } from './index.js';

describe('mail templates', () => {
  it('writes an invitation in Chinese first, then English, in text and HTML, with the link', () => {
    const mail = invitationMail({
      organisationName: '上海示例<电池>',
      inviterName: '王芳',
      link: 'https://seaward.example/invitations/accept?token=abc',
      expiresAt: '2026-12-09T20:00:00.000Z',
    });
    expect(mail.subject).toBe('王芳 邀请您加入「上海示例<电池>」 | 王芳 invited you to join 上海示例<电池>');
    expect(mail.text.indexOf('邀请您作为同事')).toBeLessThan(mail.text.indexOf('invited you to join'));
    expect(mail.text).toContain('https://seaward.example/invitations/accept?token=abc');
    expect(mail.html).toContain('上海示例&lt;电池&gt;');
    expect(mail.html).toContain('href="https://seaward.example/invitations/accept?token=abc"');
  });

  it('links a notification to the object it is about', () => {
    expect(deepLinkOf({ requestId: 'r1', engagementId: 'e1' }, 'https://s.example/')).toBe('https://s.example/engagements/e1');
    expect(deepLinkOf({ requestId: 'r 1' }, 'https://s.example')).toBe('https://s.example/requests/r%201');
    expect(deepLinkOf({}, 'https://s.example')).toBe('https://s.example/inbox');
    expect(deepLinkOf({ applicationId: 'a1', programId: 'p1' }, 'https://s.example')).toBe('https://s.example/applications/a1');
    expect(deepLinkOf({ questionId: 'q1', topic: 'tax' }, 'https://s.example')).toBe('https://s.example/desk/q1');
    expect(deepLinkOf({ alertId: 'x1', countries: ['SA', 'AE'] }, 'https://s.example')).toBe('https://s.example/countries/SA');
    const mail = notificationMail('bid.awarded', { requestId: 'r1' }, 'https://s.example');
    expect(mail.subject).toBe('您的投标已中标 | Your bid was awarded');
    expect(mail.text).toContain('https://s.example/requests/r1');
  });

  it('words every event in both languages, and an unknown one by its name', () => {
    expect(notificationMail('milestone.delivered', { engagementId: 'e1' }, 'https://s.example').subject).toBe(
      "一个里程碑已交付，待企业验收 | A milestone was delivered and awaits the enterprise's approval",
    );
    expect(notificationMail('something.new', {}, 'https://s.example').subject).toBe('通知：something.new | Notification: something.new');
  });
});
