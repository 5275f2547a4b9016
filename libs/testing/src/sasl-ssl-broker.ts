import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import kafkajs from 'kafkajs';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const STORE_PASSWORD = 'test-keystore';
const TOOL_TIMEOUT_MS = 30_000;

/** A throwaway single-node KRaft broker whose only client listener is SASL_SSL with SCRAM-SHA-512. */
export interface SaslSslBroker {
  readonly brokers: readonly string[];
  /** PEM of the CA that signed the broker certificate (CN localhost, SAN IP 127.0.0.1). */
  readonly caPem: string;
  /** The SCRAM-SHA-512 user created at format time, and its password. */
  readonly username: string;
  readonly password: string;
  /** The broker's log (stdout and stderr), for failure messages. */
  log(): string;
  /** Stops the broker (SIGTERM, SIGKILL after 15 s) and removes its directory. */
  stop(): Promise<void>;
}

/**
 * Returns the broker JARs of the local install (`infra/scripts/kafka.sh install`: `.infra/kafka/libs`, or
 * `$CS_STATE/kafka/libs`), or a sentence saying what is missing.
 */
export function kafkaInstall(): { readonly libs: string } | { readonly missing: string } {
  const libs = join(process.env.CS_STATE ?? join(REPO_ROOT, '.infra'), 'kafka', 'libs');
  const jars = existsSync(libs) ? readdirSync(libs).filter((f) => /^kafka_2\.13-.*\.jar$/.test(f)) : [];
  if (jars.length === 0)
    return { missing: `no Kafka install in ${libs} (run infra/scripts/kafka.sh install)` };
  try {
    execFileSync('java', ['-version'], { stdio: 'ignore', timeout: TOOL_TIMEOUT_MS });
    execFileSync('openssl', ['version'], { stdio: 'ignore', timeout: TOOL_TIMEOUT_MS });
  } catch {
    return { missing: 'java or openssl is not on PATH' };
  }
  return { libs };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no TCP port');
  return address.port;
}

/** Writes a CA and a broker PKCS#12 keystore signed by it into `dir`; returns the CA's PEM. */
function makeCertificates(dir: string): string {
  const openssl = (...args: string[]) =>
    execFileSync('openssl', args, { cwd: dir, stdio: 'pipe', timeout: TOOL_TIMEOUT_MS });
  const days = ['-days', '1'];
  openssl(
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'ca.key',
    '-out',
    'ca.crt',
    ...days,
    '-subj',
    '/CN=bus-test-ca',
  );
  openssl(
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'broker.key',
    '-out',
    'broker.csr',
    '-subj',
    '/CN=localhost',
  );
  writeFileSync(join(dir, 'san.cnf'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
  openssl(
    ...['x509', '-req', '-in', 'broker.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial'],
    ...['-out', 'broker.crt', '-extfile', 'san.cnf', ...days],
  );
  openssl(
    ...['pkcs12', '-export', '-in', 'broker.crt', '-inkey', 'broker.key', '-certfile', 'ca.crt'],
    ...['-name', 'broker', '-out', 'broker.p12', '-passout', `pass:${STORE_PASSWORD}`],
  );
  return readFileSync(join(dir, 'ca.crt'), 'utf8');
}

/** Returns server.properties: SASL_SSL (SCRAM-SHA-512) for clients, plaintext inter-broker and controller ports. */
function serverProperties(dir: string, ports: { client: number; internal: number; controller: number }) {
  return [
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@127.0.0.1:${ports.controller}`,
    `listeners=SASL_SSL://127.0.0.1:${ports.client},INTERNAL://127.0.0.1:${ports.internal},CONTROLLER://127.0.0.1:${ports.controller}`,
    `advertised.listeners=SASL_SSL://127.0.0.1:${ports.client},INTERNAL://127.0.0.1:${ports.internal}`,
    'listener.security.protocol.map=SASL_SSL:SASL_SSL,INTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT',
    'inter.broker.listener.name=INTERNAL',
    'controller.listener.names=CONTROLLER',
    'sasl.enabled.mechanisms=SCRAM-SHA-512',
    'listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;',
    'ssl.keystore.type=PKCS12',
    `ssl.keystore.location=${join(dir, 'broker.p12')}`,
    `ssl.keystore.password=${STORE_PASSWORD}`,
    `ssl.key.password=${STORE_PASSWORD}`,
    'ssl.client.auth=none',
    `log.dirs=${join(dir, 'data')}`,
    'auto.create.topics.enable=false',
    'num.partitions=1',
    'offsets.topic.replication.factor=1',
    'offsets.topic.num.partitions=1',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'group.initial.rebalance.delay.ms=0',
    'num.network.threads=2',
    'num.io.threads=2',
    '',
  ].join('\n');
}

/** Waits until the broker answers a metadata request over SASL_SSL, or throws when it exits or `timeoutMs` passes. */
async function waitReady(broker: SaslSslBroker, child: ChildProcess, timeoutMs: number): Promise<void> {
  const admin = new kafkajs.Kafka({
    clientId: 'sasl-ssl-probe',
    brokers: [...broker.brokers],
    ssl: { ca: broker.caPem },
    sasl: { mechanism: 'scram-sha-512', username: broker.username, password: broker.password },
    retry: { retries: 0 },
    logLevel: kafkajs.logLevel.NOTHING,
  }).admin();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`broker exited (${child.exitCode}):\n${broker.log()}`);
    try {
      await admin.connect();
      await admin.describeCluster();
      await admin.disconnect();
      return;
    } catch (error) {
      await admin.disconnect().catch(() => undefined);
      if (Date.now() > deadline)
        throw new Error(`broker not ready after ${timeoutMs} ms (${String(error)}):\n${broker.log()}`);
      await new Promise((wake) => setTimeout(wake, 250));
    }
  }
}

/**
 * Starts a broker from the JARs in `libs` in a fresh temp directory: a self-signed CA and a broker keystore
 * (openssl), storage formatted with a random cluster id and the SCRAM-SHA-512 user (`kafka-storage format
 * --add-scram`), then the broker (heap 384 MB); resolves once it answers over SASL_SSL within `timeoutMs`.
 * Thrown (after stopping it and removing the directory) when it does not.
 */
export async function startSaslSslBroker(libs: string, timeoutMs: number): Promise<SaslSslBroker> {
  const dir = mkdtempSync(join(tmpdir(), 'kafka-sasl-ssl-'));
  const username = 'bus-test';
  const password = randomBytes(12).toString('hex');
  const ports = { client: await freePort(), internal: await freePort(), controller: await freePort() };
  const caPem = makeCertificates(dir);
  const props = join(dir, 'server.properties');
  writeFileSync(props, serverProperties(dir, ports));
  const classpath = join(libs, '*');
  const clusterId = randomBytes(16).toString('base64url').replace(/^-/, 'A');
  const scramUser = `SCRAM-SHA-512=[name=${username},password=${password}]`;
  const format = [
    'kafka.tools.StorageTool',
    'format',
    '-t',
    clusterId,
    '-c',
    props,
    '--add-scram',
    scramUser,
  ];
  execFileSync('java', ['-cp', classpath, ...format], { stdio: 'pipe', timeout: 60_000 });
  const logFile = join(dir, 'broker.log');
  const out = openSync(logFile, 'a');
  const child = spawn(
    'java',
    [
      '-Xms128m',
      '-Xmx384m',
      '-XX:+UseG1GC',
      '-Djava.awt.headless=true',
      '-cp',
      classpath,
      'kafka.Kafka',
      props,
    ],
    { stdio: ['ignore', out, out] },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const broker: SaslSslBroker = {
    brokers: [`127.0.0.1:${ports.client}`],
    caPem,
    username,
    password,
    log: () => (existsSync(logFile) ? readFileSync(logFile, 'utf8').slice(-4_000) : ''),
    stop,
  };
  try {
    await waitReady(broker, child, timeoutMs);
  } catch (error) {
    await stop();
    throw error;
  }
  return broker;
}
