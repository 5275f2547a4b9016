import { type Admin, Kafka, logLevel } from 'kafkajs';

/** Lag of one group over the topics it committed on: high watermark − committed offset, summed. */
async function groupLag(admin: Admin, groupId: string): Promise<number> {
  let lag = 0;
  for (const { topic, partitions } of await admin.fetchOffsets({ groupId })) {
    const ends = new Map((await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, Number(p.high)]));
    for (const p of partitions)
      lag += Math.max(0, (ends.get(p.partition) ?? 0) - Math.max(0, Number(p.offset)));
  }
  return lag;
}

/**
 * Returns the summed lag (partitions without a commit count in full) of every consumer group whose id starts
 * with `prefix`; 0 when every group caught up.
 */
export async function consumerLag(brokers: readonly string[], prefix: string): Promise<number> {
  const kafka = new Kafka({ brokers: [...brokers], clientId: `${prefix}lag`, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const { groups } = await admin.listGroups();
    let lag = 0;
    for (const { groupId } of groups.filter((g) => g.groupId.startsWith(prefix)))
      lag += await groupLag(admin, groupId);
    return lag;
  } finally {
    await admin.disconnect();
  }
}
