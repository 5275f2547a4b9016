import { KafkaBus } from '@cryptosignal/bus';
import { kafkaEnv, loadConfig, z } from '@cryptosignal/config';
import { renameTopic, TOPICS } from '@cryptosignal/contracts';
import { SystemClock } from '@cryptosignal/runtime';
import type { Command } from 'commander';
import { commandKafkaBusOptions, type Env } from '../connection-settings.js';
import { type CommandContext, EXIT_OK, EXIT_PROBLEMS } from '../io.js';
import { readCurrentModels } from '../models/model-files.js';
import { modelsConfigEvent } from '../models/models-event.js';
import { publishErrorOf } from '../models/publish-errors.js';
import { seedRegistry } from '../models/registry-seed.js';
import { displayPath, existingPath } from '../paths.js';

/** The Kafka principal the retraining job publishes as (charts/cryptosignal values `kafka.acls`). */
const PUBLISHER_CLIENT_ID = 'ml-retrain';

interface SeedFlags {
  readonly from: string;
  readonly to?: string;
}

interface PublishFlags {
  readonly models?: string;
  readonly brokers?: string[];
  readonly scope: string;
  readonly topic?: string;
}

/** Returns `--to`/`--models`, else MODELS_DIR, else `models`. */
function registryOf(flag: string | undefined): string {
  return flag ?? (process.env.MODELS_DIR || 'models');
}

async function seedCommand(context: CommandContext, flags: SeedFlags): Promise<void> {
  const { io } = context;
  const from = existingPath(io.cwd, flags.from);
  const to = existingPath(io.cwd, registryOf(flags.to));
  const outcomes = await seedRegistry(from, to);
  for (const o of outcomes)
    io.out(
      `models seed: ${o.name}: ${o.result === 'seeded' ? `seeded ${o.version}` : 'present, left alone'}\n`,
    );
  io.out(`models seed: ${displayPath(io.cwd, to)} ready\n`);
  context.setExitCode(EXIT_OK);
}

/**
 * Returns the KafkaBus of the services' Kafka settings in `env`, as a service reads them: KAFKA_BROKERS (unless
 * `--brokers`), KAFKA_CLIENT_ID (default ml-retrain), KAFKA_SSL*, KAFKA_SASL_* (`commandKafkaBusOptions`).
 * Thrown (ConfigError, exit 2, naming each variable) when one is missing or malformed or a file is unreadable.
 */
function busOf(brokers: readonly string[] | undefined, env: Env): KafkaBus {
  const { KAFKA_BROKERS } = kafkaEnv({ clientId: PUBLISHER_CLIENT_ID });
  const listed = brokers ?? loadConfig(z.object({ KAFKA_BROKERS }), env).KAFKA_BROKERS;
  return new KafkaBus(
    commandKafkaBusOptions('models publish', { clientId: PUBLISHER_CLIENT_ID, brokers: listed }, env),
  );
}

async function publishCommand(context: CommandContext, flags: PublishFlags): Promise<void> {
  const { io } = context;
  const root = existingPath(io.cwd, registryOf(flags.models));
  const { models, problems } = await readCurrentModels(root);
  if (problems.length > 0) {
    for (const p of problems) io.err(`models publish: ${p.name}: ${p.problem}\n`);
    io.err('models publish: nothing published\n');
    context.setExitCode(EXIT_PROBLEMS);
    return;
  }
  const topic = flags.topic ? renameTopic(TOPICS.configModels, flags.topic) : TOPICS.configModels;
  const event = modelsConfigEvent(flags.scope, models, new SystemClock().nowMs());
  const bus = busOf(flags.brokers, process.env);
  try {
    await bus.publish(topic, event).catch((error: unknown) => {
      throw publishErrorOf(error, topic.name);
    });
  } finally {
    await bus.close();
  }
  const { scope, version } = event;
  io.out(`${JSON.stringify({ topic: topic.name, scope, version, models: event.models })}\n`);
  context.setExitCode(EXIT_OK);
}

/**
 * Registers `models seed --from DIR [--to DIR]` (copies the versions in service of `--from` into a registry that
 * lacks them, versioned; exit 0, 2 on a bad path or a source model that does not match its manifest) and
 * `models publish [--models DIR] [--scope S] [--brokers LIST] [--topic NAME]` (publishes one ModelsConfigPublished naming the
 * registry's versions in service, with the sha256 of each file, on `config.models.v1` through KafkaBus with the
 * services' KAFKA_* settings; prints it as one JSON line; exit 0; 1 when a model is missing or does not match
 * its manifest (nothing published) or the broker cannot be reached; 2 on a bad path or Kafka setting).
 * The registry defaults to MODELS_DIR, else `models`.
 */
export function registerModelsCommands(program: Command, context: CommandContext): void {
  const models = program.command('models').description('the model registry: seed it, announce its versions');
  models
    .command('seed')
    .description('copy the models of a registry (e.g. the shipped models/) into a registry that lacks them')
    .requiredOption('--from <dir>', 'registry to copy from, e.g. models')
    .option('--to <dir>', 'registry to seed (default: MODELS_DIR, else models)')
    .action((flags: SeedFlags) => seedCommand(context, flags));
  models
    .command('publish')
    .description("publish the registry's versions in service on config.models (inference reloads them)")
    .option('--models <dir>', 'registry root (default: MODELS_DIR, else models)')
    .option('--scope <scope>', 'config.models scope of the inference instances', 'global')
    .option('--brokers <list>', 'Kafka brokers host:port,… (default: KAFKA_BROKERS)', (text) =>
      text.split(',').map((b) => b.trim()),
    )
    .option('--topic <name>', `topic to publish on (default ${TOPICS.configModels.name})`)
    .action((flags: PublishFlags) => publishCommand(context, flags));
}
