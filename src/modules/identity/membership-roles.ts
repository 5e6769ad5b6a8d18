import type { Role } from '../../common/auth/caller.js';
import type { OrganisationType } from '../../db/schema/identity.js';

/** The product role a membership of each kind of organisation gives (docs/api.md "Authentication and roles"). */
const ROLE_OF: Record<OrganisationType, Role> = {
  enterprise: 'enterprise',
  provider: 'provider',
  alliance: 'alliance_manager',
  district: 'district_officer',
  platform: 'admin',
  city: 'city_coordinator',
};

export const productRoleOf = (type: OrganisationType): Role => ROLE_OF[type];

export function organisationTypeOf(role: Role): OrganisationType {
  const found = (Object.entries(ROLE_OF) as [OrganisationType, Role][]).find(([, r]) => r === role);
  if (!found) throw new Error(`no organisation type gives role ${role}`);
  return found[0];
}
