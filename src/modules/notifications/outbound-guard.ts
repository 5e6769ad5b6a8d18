import { lookup, type LookupAddress, type LookupAllOptions, type LookupOptions } from 'node:dns';
import { ipLiteralOf, refusedAddressReason } from '../../../libs/outbound-address/index.js';

/** A webhook destination that resolves to an address Seaward does not connect to. */
export class RefusedDestination extends Error {
  constructor(reason: string) {
    super(`refused destination: ${reason}`);
    this.name = 'RefusedDestination';
  }
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for http.request that resolves the name, refuses it if any address is not public,
 * and hands the socket the checked addresses: the connection goes to what was checked, so a
 * DNS answer that changes between check and connect (rebinding) cannot slip through.
 */
export function guardedLookup(allowPrivate: boolean) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    lookup(hostname, { ...options, all: true } as LookupAllOptions, (error, addresses) => {
      if (error) return callback(error, []);
      const refused = allowPrivate ? null : addresses.map((a) => refusedAddressReason(a.address)).find(Boolean);
      if (refused) return callback(new RefusedDestination(`${hostname} resolves to ${refused}`), []);
      if (options.all) return callback(null, addresses);
      return callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}

/** The reason a URL's host is refused, for hosts written as IP literals (names are checked by resolving). */
export function refusedLiteralHost(url: URL, allowPrivate: boolean): string | null {
  const literal = ipLiteralOf(url.hostname);
  return literal && !allowPrivate ? refusedAddressReason(literal) : null;
}

/** At registration: the URL's host, literal or resolved now, must be public. Names that do not resolve yet are checked again at delivery. */
export async function refusedRegistration(url: URL, allowPrivate: boolean): Promise<string | null> {
  if (allowPrivate) return null;
  const literal = refusedLiteralHost(url, false);
  if (literal || ipLiteralOf(url.hostname)) return literal;
  const addresses = await new Promise<LookupAddress[]>((resolve) => lookup(url.hostname, { all: true }, (error, found) => resolve(error ? [] : found)));
  const refused = addresses.map((a) => refusedAddressReason(a.address)).find(Boolean);
  return refused ? `${url.hostname} resolves to ${refused}` : null;
}
