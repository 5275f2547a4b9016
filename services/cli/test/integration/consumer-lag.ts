import { type Admin, AssignerProtocol, Kafka, logLevel } from 'kafkajs';

/**
 * Lag of one group: high watermark − committed offset, summed over the topics its members are assigned (a
 * partition with no commit yet counts in full: the groups read from the beginning) and any it committed on.
 */
async function groupLag(admin: Admin, groupId: string, assigned: readonly string[]): Promise<number> {
  let lag = 0;
  const committed = (await admin.fetchOffsets({ groupId })).map((t) => t.topic);
  const topics = [...new Set([...assigned, ...committed])];
  if (topics.length === 0) return 0;
  for (const { topic, partitions } of await admin.fetchOffsets({ groupId, topics })) {
    const ends = new Map((await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, Number(p.high)]));
    for (const p of partitions)
      lag += Math.max(0, (ends.get(p.partition) ?? 0) - Math.max(0, Number(p.offset)));
  }
  return lag;
}

/** Topics assigned to the members of each group now, decoded from the group descriptions. */
async function assignedTopics(admin: Admin, groupIds: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (groupIds.length === 0) return out;
  for (const group of (await admin.describeGroups(groupIds)).groups) {
    const topics = new Set<string>();
    for (const member of group.members) {
      if (member.memberAssignment.length === 0) continue;
      const decoded = AssignerProtocol.MemberAssignment.decode(member.memberAssignment);
      for (const topic of Object.keys(decoded?.assignment ?? {})) topics.add(topic);
    }
    out.set(group.groupId, [...topics]);
  }
  return out;
}

/** Summed lag of every group whose id starts with `prefix`, over one admin connection. */
async function prefixLag(admin: Admin, prefix: string): Promise<number> {
  const { groups } = await admin.listGroups();
  const ids = groups.map((g) => g.groupId).filter((id) => id.startsWith(prefix));
  const assigned = await assignedTopics(admin, ids);
  let lag = 0;
  for (const groupId of ids) lag += await groupLag(admin, groupId, assigned.get(groupId) ?? []);
  return lag;
}

/**
 * Returns the summed lag (partitions without a commit count in full) of every consumer group whose id starts
 * with `prefix`; 0 when every group caught up.
 */
export async function consumerLag(brokers: readonly string[], prefix: string): Promise<number> {
  const probe = await LagProbe.connect(brokers, prefix);
  try {
    return await probe.lag();
  } finally {
    await probe.close();
  }
}

/** Reads the lag of the groups of one run (`prefix`) again and again over one admin connection. */
export class LagProbe {
  private constructor(
    private readonly admin: Admin,
    private readonly prefix: string,
  ) {}

  /** Connects an admin client to `brokers`. Thrown when the brokers cannot be reached. */
  static async connect(brokers: readonly string[], prefix: string): Promise<LagProbe> {
    const kafka = new Kafka({ brokers: [...brokers], clientId: `${prefix}lag`, logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    return new LagProbe(admin, prefix);
  }

  /** The summed lag of the run's groups now (see `consumerLag`). */
  lag(): Promise<number> {
    return prefixLag(this.admin, this.prefix);
  }

  /**
   * Resolves once every group of the run has caught up: the barrier that makes a distributed replay handle
   * each hour's events, and what they cause, before the next hour's, as the embedded replay's `idle()` does.
   * Thrown after `timeoutMs` with the lag left.
   */
  async caughtUp(timeoutMs = 30_000, pollMs = 20): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (let lag = await this.lag(); lag > 0; lag = await this.lag()) {
      if (Date.now() > deadline) throw new Error(`consumer groups ${this.prefix}* still ${lag} behind`);
      await new Promise((wake) => setTimeout(wake, pollMs));
    }
  }

  async close(): Promise<void> {
    await this.admin.disconnect();
  }
}
