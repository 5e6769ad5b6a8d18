import { describe, expect, it } from '@jest/globals';
import { membershipsForGroups, needsTouch, parseGroupMemberships, refusesCrossOriginWrite, safeReturnTo, sessionState } from './index.js';

const now = new Date('2026-12-06T12:00:00Z');
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);
const inMinutes = (m: number) => new Date(now.getTime() + m * 60_000);

describe('session lifetime', () => {
  const limits = { idleMs: 30 * 60_000 };

  it('keeps a session seen recently and not past its absolute expiry', () => {
    expect(sessionState({ lastSeenAt: minutesAgo(29), expiresAt: inMinutes(1), endedAt: null }, limits, now)).toBe('live');
  });

  it('ends a session idle for the limit, however long its absolute life still is', () => {
    expect(sessionState({ lastSeenAt: minutesAgo(30), expiresAt: inMinutes(600), endedAt: null }, limits, now)).toBe('idle');
  });

  it('ends a busy session at its absolute expiry', () => {
    expect(sessionState({ lastSeenAt: minutesAgo(0), expiresAt: now, endedAt: null }, limits, now)).toBe('expired');
  });

  it('ends a logged-out session for good', () => {
    expect(sessionState({ lastSeenAt: now, expiresAt: inMinutes(60), endedAt: minutesAgo(1) }, limits, now)).toBe('ended');
  });

  it('records a call at most once a minute', () => {
    expect(needsTouch(minutesAgo(0.5), now)).toBe(false);
    expect(needsTouch(minutesAgo(1), now)).toBe(true);
  });
});

describe('cross-origin writes', () => {
  const trustedOrigins = ['https://seaward.example'];
  const write = { method: 'POST', host: 'api.internal:3000', trustedOrigins };

  it('refuses a write a browser says comes from another site or origin', () => {
    expect(refusesCrossOriginWrite({ ...write, secFetchSite: 'cross-site', origin: 'https://evil.example' })).toBe(true);
    expect(refusesCrossOriginWrite({ ...write, secFetchSite: 'same-site', origin: 'https://other.seaward.example' })).toBe(true);
    expect(refusesCrossOriginWrite({ ...write, origin: 'https://evil.example' })).toBe(true);
    expect(refusesCrossOriginWrite({ ...write, origin: 'null' })).toBe(true);
  });

  it('lets same-origin writes, the trusted web app and non-browser clients through', () => {
    expect(refusesCrossOriginWrite({ ...write, secFetchSite: 'same-origin', origin: 'http://api.internal:3000' })).toBe(false);
    expect(refusesCrossOriginWrite({ ...write, secFetchSite: 'none' })).toBe(false);
    expect(refusesCrossOriginWrite({ ...write, secFetchSite: 'cross-site', origin: 'https://seaward.example' })).toBe(false);
    expect(refusesCrossOriginWrite({ ...write, origin: 'http://api.internal:3000' })).toBe(false);
    expect(refusesCrossOriginWrite({ ...write })).toBe(false);
  });

  it('never refuses a read', () => {
    expect(refusesCrossOriginWrite({ ...write, method: 'GET', secFetchSite: 'cross-site', origin: 'https://evil.example' })).toBe(false);
  });
});

describe('sign-in redirects and group mapping', () => {
  it('returns only to paths of this site', () => {
    expect(safeReturnTo('/requests?status=open')).toBe('/requests?status=open');
    for (const bad of [undefined, '', 'https://evil.example', '//evil.example', '/\\evil.example', 'javascript:alert(1)', '/a b'])
      expect(safeReturnTo(bad)).toBe('/');
  });

  it('maps issuer groups to memberships, naming malformed pairs', () => {
    const { mapping, issues } = parseGroupMemberships('xuhui-officers=district:xuhui, admins=platform:platform,broken');
    expect(issues).toEqual(['"broken" is not group=type:id']);
    expect(membershipsForGroups(['admins', 'unknown'], mapping)).toEqual([{ organisationType: 'platform', organisationId: 'platform' }]);
    expect(membershipsForGroups('xuhui-officers', mapping)).toEqual([{ organisationType: 'district', organisationId: 'xuhui' }]);
    expect(membershipsForGroups(undefined, mapping)).toEqual([]);
  });
});
