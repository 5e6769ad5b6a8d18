// PostgreSQL through a URL: checking DATABASE_URL, CREATE/DROP DATABASE, identifier quoting and
// database names in URLs.

import postgres from 'postgres';
import { POLL_MS, errMessage, redact, sleep } from './util.mjs';

/**
 * CREATE DATABASE if it does not exist yet, on the server `adminUrl` points at.
 * @param {string} adminUrl  any database on the server, used to run CREATE DATABASE
 * @param {string} name      database name (quoted as an identifier, 1–63 bytes)
 * @returns {Promise<string>} URL of the database `name` (adminUrl with its path replaced)
 */
export async function createDatabase(adminUrl, name) {
  const ident = quoteIdent(name);
  const sql = pgConnect(adminUrl, 10);
  try {
    for (let attempt = 0; ; attempt++) {
      const rows = await sql`select 1 from pg_database where datname = ${name}`;
      if (rows.length > 0) break;
      try {
        await sql.unsafe(`create database ${ident}`);
        break;
      } catch (err) {
        const code = /** @type {any} */ (err)?.code;
        // 42P04 duplicate_database / 23505: another process created it concurrently.
        if (code === '42P04' || code === '23505') break;
        // 55006: template1 briefly in use by someone else; retry a few times.
        if (code === '55006' && attempt < 20) {
          await sleep(POLL_MS);
          continue;
        }
        throw err;
      }
    }
  } finally {
    await sql.end({ timeout: 5 }).catch(() => {});
  }
  return withDatabase(adminUrl, name);
}

/**
 * DROP DATABASE IF EXISTS ... WITH (FORCE) (terminates its open connections first).
 * @param {string} adminUrl  any other database on the same server
 * @param {string} name
 * @returns {Promise<void>}
 */
export async function dropDatabase(adminUrl, name) {
  const ident = quoteIdent(name);
  // Cannot drop the database we are connected to: fall back to `postgres` in that case.
  const connectUrl = databaseOf(adminUrl) === name ? withDatabase(adminUrl, 'postgres') : adminUrl;
  const sql = pgConnect(connectUrl, 10);
  try {
    await sql.unsafe(`drop database if exists ${ident} with (force)`);
  } finally {
    await sql.end({ timeout: 5 }).catch(() => {});
  }
}

/**
 * Checks that DATABASE_URL answers; it serves as both the application and the admin URL.
 * @param {string} url
 * @param {(msg: string) => void} log
 */
export async function useDatabaseUrl(url, log) {
  let version;
  try {
    new URL(url);
  } catch {
    throw new Error(`DATABASE_URL is not a valid URL (expected postgres://user:password@host:port/database)`);
  }
  const sql = pgConnect(url, 5);
  try {
    const [row] = await sql`select 1 as ok, current_setting('server_version') as version`;
    version = String(row.version).split(' ')[0];
  } catch (err) {
    throw new Error(`DATABASE_URL (${redact(url)}) does not answer: ${errMessage(err)}. ` + 'Fix DATABASE_URL or unset it to use the embedded PostgreSQL.', {
      cause: err,
    });
  } finally {
    await sql.end({ timeout: 1 }).catch(() => {});
  }
  log(`postgres: using DATABASE_URL ${redact(url)} (PostgreSQL ${version})`);
  return { databaseUrl: url, adminUrl: url };
}

/**
 * A single-connection client that does not keep the process alive once idle.
 * @param {string} url
 * @param {number} connectTimeoutSec
 */
export function pgConnect(url, connectTimeoutSec) {
  return postgres(url, {
    max: 1,
    connect_timeout: connectTimeoutSec,
    idle_timeout: 1,
    onnotice: () => {},
  });
}

/** @param {string} name */
function quoteIdent(name) {
  if (typeof name !== 'string' || name === '' || Buffer.byteLength(name) > 63 || name.includes('\0')) {
    throw new Error(`invalid database name ${JSON.stringify(name)} (1-63 bytes, no NUL)`);
  }
  return '"' + name.replace(/"/g, '""') + '"';
}

/**
 * @param {string} url
 * @param {string} name
 */
function withDatabase(url, name) {
  const u = new URL(url);
  u.pathname = '/' + encodeURIComponent(name);
  return u.toString();
}

/** @param {string} url */
function databaseOf(url) {
  try {
    return decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
  } catch {
    return '';
  }
}
