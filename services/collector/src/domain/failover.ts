/** When a stream leaves its primary source and when it tries the primary again. */
export interface FailoverPolicy {
  /** Consecutive failures of the primary (each after its own retries) that switch the stream to the backup. */
  readonly failuresBeforeSwitch: number;
  /** How long the stream stays on the backup before the primary is tried again, in ms. */
  readonly retryPrimaryAfterMs: number;
}

/** A change of the active source of a stream, for the log line and the failover counter. */
export interface SourceSwitch {
  readonly from: string;
  readonly to: string;
  readonly reason: 'primary_failed' | 'backup_failed' | 'primary_restored';
}

/**
 * The source choice of one stream (plan risk table: "数据采集失败 → 多重数据源，备用采集器"). It reads the
 * primary until `failuresBeforeSwitch` consecutive failures, then the backup; after `retryPrimaryAfterMs`
 * on the backup it probes the primary again (a success switches back, a failure returns to the backup at
 * once). A failure of the backup while the primary is down switches to the primary. Pure: time is passed in.
 */
export class SourceFailover {
  private active: string;
  private primaryFailures = 0;
  private onBackupSinceMs = 0;

  constructor(
    readonly primary: string,
    readonly backup: string | undefined,
    private readonly policy: FailoverPolicy,
  ) {
    this.active = primary;
  }

  /** Returns the source to read now: the active one, or the primary when its retry time has come. */
  choose(nowMs: number): string {
    if (this.active !== this.primary && nowMs - this.onBackupSinceMs >= this.policy.retryPrimaryAfterMs)
      return this.primary;
    return this.active;
  }

  /** Returns the source currently active (not counting a pending probe of the primary). */
  current(): string {
    return this.active;
  }

  /** Records that `source` served a request; returns the switch back to the primary when a probe succeeded. */
  succeeded(source: string): SourceSwitch | undefined {
    if (source !== this.primary) return undefined;
    this.primaryFailures = 0;
    if (this.active === this.primary) return undefined;
    const from = this.active;
    this.active = this.primary;
    return { from, to: this.primary, reason: 'primary_restored' };
  }

  /** Records that `source` failed (after its retries); returns the switch it causes, if any. */
  failed(source: string, nowMs: number): SourceSwitch | undefined {
    const { backup } = this;
    if (backup === undefined) return undefined;
    if (source === this.primary) {
      this.primaryFailures += 1;
      const probing = this.active === backup;
      if (probing) {
        this.onBackupSinceMs = nowMs;
        return undefined;
      }
      if (this.primaryFailures < this.policy.failuresBeforeSwitch) return undefined;
      this.active = backup;
      this.onBackupSinceMs = nowMs;
      return { from: this.primary, to: backup, reason: 'primary_failed' };
    }
    if (source === backup && this.active === backup) {
      this.active = this.primary;
      this.primaryFailures = 0;
      return { from: backup, to: this.primary, reason: 'backup_failed' };
    }
    return undefined;
  }
}
