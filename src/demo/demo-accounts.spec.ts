import { describe, expect, it } from '@jest/globals';
import { DEMO_ALLIANCES } from './alliances.js';
import { DEMO_ENTERPRISES } from './demo-enterprises.js';
import { generateProviders } from './providers.js';
import { DEMO_PEOPLE, DEMO_PROVIDER_ID } from './showcase.js';
import { DEMO_ACCOUNTS } from '../web/demo-accounts.js';

describe('the sign-in page’s demo accounts', () => {
  it('are organisations the demo seed writes: its first enterprise, an active member provider, Xuhui, Xuhui’s alliance, Shanghai', () => {
    const org = (role: string) => DEMO_ACCOUNTS.find((a) => a.role === role)!.org;
    expect(DEMO_ACCOUNTS).toHaveLength(5);
    // The showcase gives these two their work in progress.
    expect(org('enterprise')).toBe(DEMO_ENTERPRISES[0].id);
    expect(org('provider')).toBe(DEMO_PROVIDER_ID);
    for (const role of ['enterprise', 'provider'] as const) expect(DEMO_ACCOUNTS.find((a) => a.role === role)!.name).toBe(DEMO_PEOPLE[role]);
    const { memberships } = generateProviders(20_251_023, new Date());
    expect(memberships.find((m) => m.providerId === org('provider'))).toMatchObject({ status: 'active' });
    expect(org('district_officer')).toBe('xuhui');
    expect(DEMO_ALLIANCES.find((a) => a.key === 'xuhui')!.id).toBe(org('alliance_manager'));
    expect(org('city_coordinator')).toBe('shanghai');
  });
});
