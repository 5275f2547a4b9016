import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const scripts = fileURLToPath(new URL('../../../../../infra/scripts/', import.meta.url));

/**
 * Restarts a component of the shared local infrastructure (`infra/scripts/<name>.sh restart`, which returns once
 * it answers again) and resolves with the time it took, in ms. Other suites using it meanwhile see it go down.
 */
export async function restartInfra(component: 'kafka' | 'postgres'): Promise<number> {
  const startedMs = Date.now();
  await run('bash', [`${scripts}${component}.sh`, 'restart'], { timeout: 150_000 });
  return Date.now() - startedMs;
}
