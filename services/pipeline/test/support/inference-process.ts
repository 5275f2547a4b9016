import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The built inference service (`npm run build` first), run in distributed mode as a child process. */
const INFERENCE_MAIN = fileURLToPath(new URL('../../../inference/dist/main.js', import.meta.url));

/**
 * Starts the inference service on 127.0.0.1:`port` with the models of `modelsDir` on the CPU and resolves once it
 * logged `inference started`; the returned function kills it with SIGKILL (no shutdown of any kind) and resolves
 * once it is gone. Thrown when it exits first or after `timeoutMs`.
 */
export async function startInferenceProcess(
  port: number,
  modelsDir: string,
  timeoutMs = 60_000,
): Promise<{ kill9(): Promise<void> }> {
  const child: ChildProcess = spawn(process.execPath, [INFERENCE_MAIN], {
    env: {
      PATH: process.env.PATH ?? '',
      LOG_LEVEL: 'info',
      GRPC_HOST: '127.0.0.1',
      GRPC_PORT: String(port),
      ADMIN_PORT: '0',
      MODELS_DIR: modelsDir,
      INFERENCE_EXECUTION_PROVIDER: 'cpu',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let logs = '';
  const exit = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`inference not started after ${timeoutMs} ms:\n${logs}`)),
      timeoutMs,
    );
    const collect = (chunk: Buffer) => {
      logs += chunk.toString();
      if (!logs.includes('"inference started"')) return;
      clearTimeout(timer);
      resolve();
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    void exit.then(() => {
      clearTimeout(timer);
      reject(new Error(`inference exited before starting:\n${logs}`));
    });
  });
  return {
    kill9: async () => {
      child.kill('SIGKILL');
      await exit;
    },
  };
}
