import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { pino, type DestinationStream } from 'pino';
import { CONFIG } from '../../config/config.module.js';
import type { Config } from '../../config/config.js';

const REQUEST_ID = /^[\w.:-]{1,128}$/;

type WithId = IncomingMessage & { id?: string };

/**
 * A caller's X-Request-Id is kept if it is sane, else one is made; it is echoed back, put on every
 * log line and every audit entry. Mounted before the body parser so even a malformed body has one.
 */
export function assignRequestId(request: WithId, response: ServerResponse, next: () => void): void {
  const given = request.headers['x-request-id'];
  request.id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
  response.setHeader('X-Request-Id', request.id);
  next();
}

const requestLine = (request: WithId) => ({ id: request.id, method: request.method, url: request.url, userAgent: request.headers['user-agent'] });
const responseLine = (response: ServerResponse) => ({ statusCode: response.statusCode });

let stdout: DestinationStream | undefined;

/** Bytes gathered before a write, and the longest a line waits for them. */
const BLOCK_BYTES = 4096;
const FLUSH_EVERY_MS = 100;

/**
 * stdout written asynchronously (pino's sonic-boom, `sync: false`) in blocks of 4 KiB: a request
 * neither waits for its log line's write nor pays for a write of its own (at 800 calls/s a write
 * per line, each a hop through libuv's thread pool, was a seventh of the api's time on the event
 * loop). A line waits at most 100 ms for its block; pino writes what is pending when the process
 * exits. One per process (the e2e tests start many apps in one).
 */
function bufferedStdout(): DestinationStream {
  if (stdout) return stdout;
  const destination = pino.destination({ dest: 1, sync: false, minLength: BLOCK_BYTES });
  let pending = false;
  const flusher = setInterval(() => {
    if (!pending) return;
    pending = false;
    destination.flush();
  }, FLUSH_EVERY_MS).unref();
  // Ended by pino at exit: a flush after that would throw.
  destination.once('close', () => clearInterval(flusher));
  stdout = {
    write(line: string) {
      pending = true;
      destination.write(line);
    },
    flush: (done?: (error?: Error) => void) => destination.flush(done),
    flushSync: () => destination.flushSync(),
  } as DestinationStream;
  return stdout;
}

@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [CONFIG],
      useFactory: (config: Config) => ({
        pinoHttp: [
          {
            level: config.logLevel,
            genReqId: (request: WithId) => request.id ?? randomUUID(),
            // A line per request with what an operator searches by, not every header: less to
            // serialise on the hot path, and no credentials to redact (no cookie, no token).
            wrapSerializers: false,
            serializers: { req: requestLine, res: responseLine, err: pino.stdSerializers.err },
            autoLogging: { ignore: (request: IncomingMessage) => request.url?.startsWith('/health') ?? false },
            customProps: (request: IncomingMessage & { caller?: { sub: string; org: string } }) =>
              request.caller ? { caller: { sub: request.caller.sub, org: request.caller.org } } : {},
          },
          bufferedStdout(),
        ],
      }),
    }),
  ],
})
export class LoggingModule {}
