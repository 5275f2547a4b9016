/**
 * Returns true when `error` is PostgreSQL refusing the data itself (SQLSTATE class 22 data_exception or 23
 * integrity_constraint_violation, PostgreSQL manual Appendix A): retrying the same rows cannot succeed, but
 * writing the other rows of the batch without the offending one can.
 */
export function isDataError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^2[23][0-9A-Z]{3}$/.test(code);
}
