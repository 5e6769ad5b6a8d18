import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { CONFIG } from '../../config/config.module.js';
import type { Config } from '../../config/config.js';

const REQUEST_ID = /^[\w.:-]{1,128}$/;

/** A caller's X-Request-Id is kept if it is sane, else one is made; it is echoed back and on every log line. */
function requestId(request: IncomingMessage, response: ServerResponse): string {
  const given = request.headers['x-request-id'];
  const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
  response.setHeader('X-Request-Id', id);
  return id;
}

@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [CONFIG],
      useFactory: (config: Config) => ({
        pinoHttp: {
          level: config.logLevel,
          genReqId: requestId,
          redact: ['req.headers.authorization', 'req.headers.cookie'],
          autoLogging: { ignore: (request: IncomingMessage) => request.url?.startsWith('/health') ?? false },
          customProps: (request: IncomingMessage & { caller?: { sub: string; org: string } }) =>
            request.caller ? { caller: { sub: request.caller.sub, org: request.caller.org } } : {},
        },
      }),
    }),
  ],
})
export class LoggingModule {}
