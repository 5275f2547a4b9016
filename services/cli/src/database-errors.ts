import { EXIT_PROBLEMS, EXIT_USAGE } from './io.js';

/** What the command line prints and returns for an ordinary database error: one line and the exit code. */
export interface DatabaseProblem {
  /** 1: the database cannot be reached, refused the login or TLS; 2: the database, schema or table named is wrong. */
  readonly exitCode: typeof EXIT_PROBLEMS | typeof EXIT_USAGE;
  /** One line without a trailing newline and without any password. */
  readonly message: string;
}

/** Where the failing command looked: the `--schema` it was given, if any. */
export interface DatabaseErrorContext {
  readonly schema?: string;
}

/** Node's TLS error codes of a server certificate that cannot be verified. */
const CERTIFICATE_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** The driver's (node-postgres) message when DATABASE_SSL asks for TLS and the server offers none. */
const NO_SSL_MESSAGE = /server does not support SSL connections/i;

/** Returns `text` with the password of any `scheme://user:password@` URL replaced by `***`. */
export function withoutPassword(text: string): string {
  return text.replace(/(\b[a-z][a-z0-9+.-]*:\/\/[^:/@\s]*:)[^@\s]*@/gi, '$1***@');
}

/** Returns `error` and its `cause` chain, outermost first (at most 8 deep). */
function causeChain(error: unknown): { code?: unknown; message?: unknown }[] {
  const chain: { code?: unknown; message?: unknown }[] = [];
  let at: unknown = error;
  while (at !== null && typeof at === 'object' && chain.length < 8) {
    chain.push(at as { code?: unknown; message?: unknown });
    at = (at as { cause?: unknown }).cause;
  }
  return chain;
}

/** Returns the problem of one error of the chain (SQLSTATE `code`, Node TLS code or the SSL refusal), if known. */
function problemOf(
  code: string,
  message: string,
  context: DatabaseErrorContext,
): DatabaseProblem | undefined {
  const schema = context.schema
    ? `schema "${context.schema}"`
    : 'the schema of --schema / DATABASE_SCHEMA, else the search_path';
  if (code.startsWith('28'))
    return { exitCode: EXIT_PROBLEMS, message: `database login refused (SQLSTATE ${code}): ${message}` };
  if (code === '3D000')
    return { exitCode: EXIT_USAGE, message: `${message}: check the database name in --db / DATABASE_URL` };
  if (code === '3F000')
    return { exitCode: EXIT_USAGE, message: `${message}: check --schema / DATABASE_SCHEMA` };
  if (code === '42P01')
    return {
      exitCode: EXIT_USAGE,
      message:
        `${message} in ${schema}: the command expects the tables of the services' migrations there ` +
        "(created by `cryptosignal migrate`, the collector's market tables by services/collector/migrations); " +
        'check --schema / DATABASE_SCHEMA and --db / DATABASE_URL',
    };
  if (CERTIFICATE_CODES.has(code))
    return {
      exitCode: EXIT_PROBLEMS,
      message: `database TLS: server certificate not trusted (${code}): ${message}; check DATABASE_SSL_CA_FILE`,
    };
  if (NO_SSL_MESSAGE.test(message))
    return {
      exitCode: EXIT_PROBLEMS,
      message: `database TLS: ${message}; DATABASE_SSL=true asks for TLS: enable it on the server or unset it`,
    };
  return undefined;
}

/**
 * Returns the one-line problem and exit code of an ordinary database error found in `error` or its `cause`
 * chain: SQLSTATE class 28 (authentication) exit 1; 3D000 (no such database), 3F000 (no such schema) and 42P01
 * (no such table: the migrations or the schema are wrong) exit 2; a refused or untrusted TLS connection exit 1.
 * Passwords in URLs are masked. Returns undefined for any other error (SQLSTATEs: PostgreSQL manual, Appendix A).
 */
export function classifyDatabaseError(
  error: unknown,
  context: DatabaseErrorContext = {},
): DatabaseProblem | undefined {
  for (const link of causeChain(error)) {
    const code = typeof link.code === 'string' ? link.code : '';
    const message = typeof link.message === 'string' ? link.message : '';
    const problem = problemOf(code, message, context);
    if (problem) return { ...problem, message: withoutPassword(problem.message.replace(/\s+/g, ' ')) };
  }
  return undefined;
}
