import { ConfigError } from '@cryptosignal/runtime';

const SQL_IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/** A PostgreSQL connection to migrate, with what may be shown of it. */
export interface DatabaseTarget {
  /** The URL as given, password included: only for the connection. */
  readonly url: string;
  /** The URL without its password (`postgres://user@host:port/db`), for messages and logs. */
  readonly display: string;
  /** The schema the migrations create their tables in (first on the search_path). */
  readonly schema: string;
  /** The password as written in the URL and decoded (empty when none), to scrub it from error messages. */
  readonly secrets: readonly string[];
}

/**
 * Returns `url` parsed. Thrown (ConfigError, exit 2, the message starting with `command`) when it is not a
 * `postgres://` or `postgresql://` URL; the message never repeats it, as it may hold a password.
 */
export function parseDatabaseUrl(url: string, command: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ConfigError(
      `${command}: the database URL is not a URL (expected postgres://user:password@host:port/db)`,
    );
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:')
    throw new ConfigError(`${command}: the database URL has protocol ${parsed.protocol}, expected postgres:`);
  return parsed;
}

/**
 * Returns the target of `url` and `schema`. Thrown (ConfigError, exit 2) when the URL is not a
 * `postgres://` or `postgresql://` URL (the message never repeats it: it may hold a password) or the schema
 * is not a lower-case SQL identifier.
 */
export function databaseTarget(url: string, schema: string): DatabaseTarget {
  const parsed = parseDatabaseUrl(url, 'migrate');
  if (!SQL_IDENTIFIER.test(schema))
    throw new ConfigError(`migrate: schema ${JSON.stringify(schema)} is not a lower-case SQL identifier`);
  const secrets = parsed.password === '' ? [] : [parsed.password, decodeURIComponent(parsed.password)];
  parsed.password = '';
  return { url, display: parsed.toString(), schema, secrets };
}

/** Returns `text` with every secret of `target` replaced by `***`. */
export function scrubSecrets(text: string, target: DatabaseTarget): string {
  return target.secrets.reduce((out, secret) => out.split(secret).join('***'), text);
}
