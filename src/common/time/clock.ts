import { Global, Injectable, Module } from '@nestjs/common';

/**
 * "Now" for rules that depend on it (an alert's validity, a question's deadline), from one
 * provider, so a test can move it (`jest.spyOn(app.get(Clock), 'now')`) instead of waiting.
 */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}

@Global()
@Module({ providers: [Clock], exports: [Clock] })
export class ClockModule {}
