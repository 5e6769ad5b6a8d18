import { Controller, Delete, HttpCode, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentCaller } from '../../common/auth/auth.decorators.js';
import type { Caller } from '../../common/auth/caller.js';
import { Returns, ValidBody } from '../../common/openapi/api-schema.js';
import { NotificationsService } from './notifications.service.js';

const endpointBody = z.strictObject({ url: z.url({ protocol: /^https?$/ }).max(2000) }).meta({ id: 'NotificationEndpointSet' });
const endpointView = z
  .object({ url: z.string(), secret: z.string().describe('verifies Seaward-Signature: t=<ts>,v1=HMAC-SHA256(secret, "<ts>.<body>")') })
  .meta({ id: 'NotificationEndpoint' });

/** An organisation's webhook for its notifications (invitations, awards, …); without one they go to the log. */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('v1/notification-endpoint')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Put()
  @Returns(200, endpointView)
  set(@CurrentCaller() caller: Caller, @ValidBody(endpointBody) body: z.infer<typeof endpointBody>) {
    return this.notifications.setEndpoint(caller, body.url);
  }

  @Delete()
  @HttpCode(204)
  async remove(@CurrentCaller() caller: Caller): Promise<void> {
    await this.notifications.removeEndpoint(caller);
  }
}
