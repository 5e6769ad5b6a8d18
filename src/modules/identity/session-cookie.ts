import type { Response } from 'express';
import { SESSION_COOKIE } from '../../common/auth/session-port.js';
import type { Config } from '../../config/config.js';

/** httpOnly so scripts never read it, SameSite=Lax so other sites' forms do not carry it, Secure behind https. */
function cookieOptions(config: Config) {
  return { httpOnly: true, sameSite: 'lax' as const, secure: config.publicBaseUrl.startsWith('https:'), path: '/' };
}

export function setSessionCookie(res: Response, value: string, config: Config): void {
  res.cookie(SESSION_COOKIE, value, { ...cookieOptions(config), maxAge: config.auth.sessionAbsoluteMs });
}

export function clearSessionCookie(res: Response, config: Config): void {
  res.clearCookie(SESSION_COOKIE, cookieOptions(config));
}

/** Binds an Authorization Code flow to the browser that started it (login CSRF); Lax reaches the callback's top-level GET. */
export const SIGN_IN_COOKIE = 'seaward_sign_in';

export function setSignInCookie(res: Response, state: string, config: Config): void {
  res.cookie(SIGN_IN_COOKIE, state, { ...cookieOptions(config), path: '/auth', maxAge: 10 * 60_000 });
}

export function clearSignInCookie(res: Response, config: Config): void {
  res.clearCookie(SIGN_IN_COOKIE, { ...cookieOptions(config), path: '/auth' });
}
