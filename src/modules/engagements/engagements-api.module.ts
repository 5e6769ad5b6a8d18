import { Module } from '@nestjs/common';
import { PaymentsModule } from '../payments/payments.module.js';
import { EngagementsController } from './engagements.controller.js';
import { EngagementsModule } from './engagements.module.js';

/** The engagement's HTTP face: its views carry the payment, so it sits above both modules. */
@Module({ imports: [EngagementsModule, PaymentsModule], controllers: [EngagementsController] })
export class EngagementsApiModule {}
