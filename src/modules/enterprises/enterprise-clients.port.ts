import { Injectable } from '@nestjs/common';

/** Whether a provider has an engagement with an enterprise; the engagements module answers. */
export interface EnterpriseClients {
  isClientOf(enterpriseId: string, providerId: string): Promise<boolean>;
}

/**
 * The port through which the enterprises module learns of engagements, so that engagements may
 * depend on enterprises and never the reverse. Until the engagements module connects, no provider
 * sees any enterprise (the safe answer).
 */
@Injectable()
export class EnterpriseClientsPort implements EnterpriseClients {
  private adapter: EnterpriseClients | undefined;

  connect(adapter: EnterpriseClients): void {
    this.adapter = adapter;
  }

  async isClientOf(enterpriseId: string, providerId: string): Promise<boolean> {
    return this.adapter ? this.adapter.isClientOf(enterpriseId, providerId) : false;
  }
}
