import { Injectable } from '@nestjs/common';
import type { Caller } from '../../common/auth/caller.js';
import type { AttachmentKind } from '../../db/schema/files.js';

/** Who may see, and who may attach to, one kind of object. */
export interface AttachmentPolicy {
  /** Whoever sees the object sees its files (tenancy: docs/api.md). */
  maySee(caller: Caller, objectId: string): Promise<boolean>;
  /** Who may add files to it: its author (the request's enterprise, the bid's provider, …). */
  mayAttach(caller: Caller, objectId: string): Promise<boolean>;
}

/**
 * The modules that own the objects answer for them: files depend on no domain module, and each
 * owner registers its policy when the application starts (conversations' file-access policies).
 * A kind nobody registered is seen by nobody but the uploader.
 */
@Injectable()
export class FileAccess {
  private readonly policies = new Map<AttachmentKind, AttachmentPolicy>();

  register(kind: AttachmentKind, policy: AttachmentPolicy): void {
    this.policies.set(kind, policy);
  }

  policyOf(kind: AttachmentKind): AttachmentPolicy | undefined {
    return this.policies.get(kind);
  }
}
