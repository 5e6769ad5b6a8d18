import { Controller, Delete, HttpCode, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentCaller } from '../../common/auth/auth.decorators.js';
import type { Caller } from '../../common/auth/caller.js';
import { Returns, ValidBody } from '../../common/openapi/api-schema.js';
import { ApiProblems } from '../../common/openapi/api-problems.js';
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

  @ApiOperation({
    summary: 'Set the notification webhook',
    description:
      "Invitations, awards and the other notifications of the caller's organisation go to this URL, signed with the returned secret (`Seaward-Signature`). Loopback and private addresses are refused.",
  })
  @ApiProblems('destination_refused')
  @Put()
  @Returns(200, endpointView)
  set(@CurrentCaller() caller: Caller, @ValidBody(endpointBody) body: z.infer<typeof endpointBody>) {
    return this.notifications.setEndpoint(caller, body.url);
  }

  @ApiOperation({ summary: 'Remove the notification webhook', description: "The organisation's notifications go to the log again." })
  @Delete()
  @HttpCode(204)
  async remove(@CurrentCaller() caller: Caller): Promise<void> {
    await this.notifications.removeEndpoint(caller);
  }
}
