import { describe, expect, it } from '@jest/globals';
import { ipLiteralOf, refusedAddressReason } from './index.js';

describe('refusedAddressReason', () => {
  it.each([
    ['127.0.0.1', /loopback/],
    ['10.0.0.5', /private/],
    ['172.16.3.4', /private/],
    ['192.168.1.1', /private/],
    ['169.254.169.254', /link-local/],
    ['100.64.0.1', /carrier-grade/],
    ['224.0.0.1', /multicast/],
    ['255.255.255.255', /broadcast/],
    ['0.0.0.0', /unspecified/],
    ['::1', /loopback/],
    ['::', /unspecified/],
    ['fe80::1', /link-local/],
    ['fd00::8108', /unique local/],
    ['ff02::1', /multicast/],
    ['::ffff:127.0.0.1', /loopback/],
    ['::ffff:169.254.169.254', /link-local/],
    ['2002:7f00:1::', /special-purpose/],
    ['64:ff9b::a00:5', /special-purpose/],
  ])('refuses %s', (address, reason) => {
    expect(refusedAddressReason(address)).toMatch(reason);
  });

  it.each(['93.184.215.14', '8.8.8.8', '2606:4700:4700::1111', '::ffff:8.8.8.8'])('admits the public address %s', (address) => {
    expect(refusedAddressReason(address)).toBeNull();
  });
});

describe('ipLiteralOf', () => {
  it('finds IP literals in URL hosts, and leaves names alone', () => {
    expect(ipLiteralOf('[::1]')).toBe('::1');
    expect(ipLiteralOf('127.0.0.1')).toBe('127.0.0.1');
    expect(ipLiteralOf('hooks.example.com')).toBeNull();
  });
});
