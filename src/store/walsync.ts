import { close, fdatasync, openSync } from 'node:fs';

/** How a file descriptor's data reaches the disk (`fs.fdatasync`; tests hold or fail it). */
export type SyncFile = (fd: number, done: (err: NodeJS.ErrnoException | null) => void) => void;

interface Waiter {
  resolve(): void;
  reject(err: Error): void;
}

/**
 * Makes a WAL file's frames durable from libuv's thread pool, so the event
 * loop goes on while the disk works. This is the fsync that SQLite's
 * `synchronous = FULL` does inside every COMMIT, moved out of it: the writer
 * commits with `NORMAL` (frames written, not yet synced), then asks for
 * `flushed()` and acknowledges nothing before it resolves.
 *
 * Requests that arrive while a sync runs share the next one, which starts
 * when it ends and covers everything written before they asked (group
 * commit at the disk). Syncs complete in the order they were asked for.
 */
export class WalSync {
  private running = false;
  private next: Waiter[] = [];

  private constructor(
    private readonly fd: number,
    private readonly sync: SyncFile,
  ) {}

  /** Opens the WAL file of a database in WAL mode; undefined when it cannot (then SQLite must sync itself). */
  static open(walFile: string, sync: SyncFile = fdatasync): WalSync | undefined {
    try {
      return new WalSync(openSync(walFile, 'r'), sync);
    } catch {
      return undefined;
    }
  }

  /** Resolves once everything written to the file before this call is on the disk; rejects when the disk said no. */
  flushed(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.next.push({ resolve, reject });
      if (!this.running) this.run();
    });
  }

  /** Waits for the syncs asked for, then closes the file. */
  async close(): Promise<void> {
    while (this.running) await this.flushed().catch(() => undefined);
    await new Promise<void>((resolve) => close(this.fd, () => resolve()));
  }

  private run(): void {
    const group = this.next;
    this.next = [];
    this.running = true;
    this.sync(this.fd, (err) => {
      this.running = false;
      for (const w of group) {
        if (err) w.reject(err);
        else w.resolve();
      }
      if (this.next.length) this.run();
    });
  }
}
