import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { isVetted, mayTransition, vettingOf, type MembershipFact } from './index.js';

const now = new Date('2026-11-23T00:00:00Z');
const days = (n: number) => new Date(now.getTime() + n * 86_400_000);

describe('vettingOf', () => {
  it('is vetted until the furthest current active membership', () => {
    const vetting = vettingOf(
      [
        { allianceId: 'b', status: 'active', vettedUntil: days(30) },
        { allianceId: 'a', status: 'active', vettedUntil: days(90) },
        { allianceId: 'c', status: 'pending', vettedUntil: null },
      ],
      now,
    );
    expect(vetting).toEqual({ vettedUntil: days(90), allianceIds: ['a', 'b'], appliedAllianceIds: ['a', 'b', 'c'] });
  });

  it('is not vetted by a pending, suspended, lapsed or expired membership', () => {
    const vetting = vettingOf(
      [
        { allianceId: 'a', status: 'suspended', vettedUntil: days(30) },
        { allianceId: 'b', status: 'lapsed', vettedUntil: days(-1) },
        { allianceId: 'c', status: 'active', vettedUntil: days(-1) },
        { allianceId: 'd', status: 'pending', vettedUntil: null },
      ],
      now,
    );
    expect(vetting.vettedUntil).toBeNull();
    expect(vetting.allianceIds).toEqual([]);
    expect(isVetted(vetting.vettedUntil, now)).toBe(false);
  });

  it('is vetted exactly when some membership is active and unexpired', () => {
    const membership = fc.record({
      allianceId: fc.constantFrom('a', 'b', 'c'),
      status: fc.constantFrom('pending', 'active', 'suspended', 'lapsed' as const),
      vettedUntil: fc.option(fc.integer({ min: -100, max: 100 }).map(days), { nil: null }),
    });
    fc.assert(
      fc.property(fc.array(membership), (memberships: MembershipFact[]) => {
        const expected = memberships.some((m) => m.status === 'active' && m.vettedUntil !== null && m.vettedUntil > now);
        expect(isVetted(vettingOf(memberships, now).vettedUntil, now)).toBe(expected);
      }),
    );
  });
});

describe('mayTransition', () => {
  it('lets a manager re-approve a suspended member and suspend an active one, not a lapsed one', () => {
    expect(mayTransition('approve', 'suspended')).toBe(true);
    expect(mayTransition('suspend', 'active')).toBe(true);
    expect(mayTransition('suspend', 'lapsed')).toBe(false);
  });
});
