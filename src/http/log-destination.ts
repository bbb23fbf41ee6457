import { pino } from 'pino';

type SonicBoom = ReturnType<typeof pino.destination>;

/** How many characters of log lines wait before they are written together. */
const BATCH = 4096;
/** How long a line waits at most when no more come after it. */
const FLUSH_EVERY_MS = 250;

/**
 * Standard output (or another file descriptor), written in batches: lines gather until 4 KiB are
 * waiting, so a busy server makes one system call per few dozen lines, and what waits is written
 * every quarter of a second, so a quiet server's lines do not wait for the next one.
 *
 * The lines gather here, in a list, and each batch goes to pino's own destination (sonic-boom) as
 * one string, which it writes at once, synchronously, with its handling of short and refused
 * writes. Sonic-boom can gather lines itself (`minLength`), but then it measures the byte length
 * of everything waiting again for every line it is given: at 4 KiB that is a fifth of what a
 * request's log line costs (`npm run bench:log` measures both).
 *
 * Synchronous, as pino's default destination is: an asynchronous write hands each batch to
 * libuv's thread pool and back, which on a server held to one core costs more than the write.
 * Whoever owns the process calls `flushSync` as it exits (src/server.ts).
 */
export class LogDestination {
  /** Pino's destination, which writes the batches. */
  readonly out: SonicBoom;
  private lines: string[] = [];
  private waiting = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(fd = 1) {
    this.out = pino.destination({ dest: fd, sync: true });
    this.timer = setInterval(() => this.release(), FLUSH_EVERY_MS).unref();
  }

  /** Pino's stream interface: one finished line. */
  write(line: string): boolean {
    this.lines.push(line);
    this.waiting += line.length;
    if (this.waiting >= BATCH) this.release();
    return true;
  }

  /** Writes everything waiting before it returns. */
  flushSync(): void {
    this.release();
    this.out.flushSync();
  }

  /** Writes what waits and closes the file descriptor. */
  destroy(): void {
    clearInterval(this.timer);
    this.release();
    this.out.destroy();
  }

  /** Hands the lines waiting to sonic-boom as one write. */
  private release(): void {
    if (this.lines.length === 0) return;
    const batch = this.lines.join('');
    this.lines = [];
    this.waiting = 0;
    this.out.write(batch);
  }
}
