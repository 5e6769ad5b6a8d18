import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import { invitationMail, notificationMail, type RenderedMail } from '../../../libs/mail-templates/index.js';
import { CONFIG } from '../../config/config.module.js';
import type { Config } from '../../config/config.js';
import type { MailJob } from '../../jobs/job-names.js';
import { InboxRepository } from './inbox.repository.js';

/**
 * Sends one email per key through SMTP_URL (or to the log without it). As with webhooks: the
 * delivery row is written after a successful send, so a failed send (the relay down) leaves none
 * and BullMQ retries it, and a repeated job finds the row and sends nothing.
 */
@Injectable()
export class MailService implements OnApplicationShutdown {
  private readonly logger = new Logger(MailService.name);
  private readonly transport: Transporter | null;

  constructor(
    @Inject(CONFIG) private readonly config: Config,
    private readonly repo: InboxRepository,
  ) {
    const url = config.mail.smtpUrl;
    this.transport = url ? nodemailer.createTransport(url, { from: config.mail.from }) : null;
  }

  onApplicationShutdown(): void {
    this.transport?.close();
  }

  async send(job: MailJob): Promise<void> {
    if (await this.repo.countMailRepeat(job.key)) {
      this.logger.warn(`mail ${job.key} already sent; not sent again`);
      return;
    }
    const mail = this.render(job);
    if (this.transport) {
      // The Message-ID is the key's, so a mail system that sees a repeat can tell.
      await this.transport.sendMail({
        from: this.config.mail.from,
        to: job.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: `<${job.key}@seaward>`,
      });
    } else {
      this.logger.log({ mail: { key: job.key, to: job.to, subject: mail.subject } }, `mail to ${job.to} (no SMTP_URL: logged, not sent)\n${mail.text}`);
    }
    await this.repo.recordMail({ key: job.key, recipient: job.to, subject: mail.subject });
  }

  private render(job: MailJob): RenderedMail {
    if (job.template === 'invitation') return invitationMail(job.data as Parameters<typeof invitationMail>[0]);
    return notificationMail(String(job.data.event), (job.data.data ?? {}) as Record<string, unknown>, this.config.publicBaseUrl);
  }
}
