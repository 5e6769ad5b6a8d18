import { Logger } from '@nestjs/common';

export interface Notification {
  outboxId: number;
  event: string;
  recipientOrg: string | null;
  data: Record<string, unknown>;
}

/** Where notifications go. The log channel is the default; a webhook channel comes with per-organisation URLs. */
export interface NotificationChannel {
  readonly name: string;
  send(notification: Notification): Promise<void>;
}

export class LogChannel implements NotificationChannel {
  readonly name = 'log';
  private readonly logger = new Logger('Notifications');

  async send(notification: Notification): Promise<void> {
    this.logger.log({ notification }, `notify ${notification.recipientOrg ?? 'platform'}: ${notification.event}`);
  }
}
