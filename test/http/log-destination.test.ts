import { once } from 'node:events';
import { mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LogDestination } from '../../src/http/log-destination.js';

describe('LogDestination', () => {
  let dir: string;
  let file: string;
  let destination: LogDestination | undefined;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ind-log-'));
    file = join(dir, 'out.log');
  });
  afterEach(() => {
    destination?.destroy();
    destination = undefined;
    rmSync(dir, { recursive: true, force: true });
  });
  /** A log line of exactly 128 characters: 32 of them are the 4 KiB the destination waits for. */
  const line = (n: number) => {
    const head = `{"level":30,"n":${n},"msg":"request completed","pad":"`;
    return `${head}${'x'.repeat(128 - head.length - 3)}"}\n`;
  };
  const open = async () => {
    destination = new LogDestination(openSync(file, 'w'));
    await once(destination.out, 'ready');
    return destination;
  };

  it('holds short lines back, writes them in order once 4 KiB wait, and writes the rest on flushSync', async () => {
    const out = await open();
    const lines = Array.from({ length: 42 }, (_, n) => line(n));
    expect(lines.every((text) => text.length === 128)).toBe(true);
    for (const text of lines.slice(0, 31)) out.write(text);
    expect(readFileSync(file, 'utf8')).toBe('');
    // The 32nd line makes 4 KiB: they go out at once, within the call.
    out.write(lines[31]!);
    expect(readFileSync(file, 'utf8')).toBe(lines.slice(0, 32).join(''));
    // What waits goes out on a synchronous flush, as pino flushes when the process exits.
    for (const text of lines.slice(32)) out.write(text);
    out.flushSync();
    expect(readFileSync(file, 'utf8')).toBe(lines.join(''));
  });

  it('writes a short line that waits without another line coming after it', async () => {
    const out = await open();
    out.write(line(1));
    expect(readFileSync(file, 'utf8')).toBe('');
    // The periodic flush writes it; the test waits for that write, however long it takes.
    await once(out.out, 'write');
    expect(readFileSync(file, 'utf8')).toBe(line(1));
  });

  it("carries a pino logger's lines whole and in order, whatever their characters", async () => {
    const out = await open();
    const logger = pino({ level: 'info' }, out);
    const urls = Array.from({ length: 300 }, (_, n) => `/v1/tables/asielzoekers-${n}?q=${'é中🙂'.repeat(n % 7)}`);
    for (const url of urls) logger.info({ url }, 'request completed');
    out.flushSync();
    const written = readFileSync(file, 'utf8').split('\n');
    expect(written.pop()).toBe('');
    expect(written.map((text) => (JSON.parse(text) as { url: string }).url)).toEqual(urls);
  });

  it('writes what waits when it is destroyed', async () => {
    const out = await open();
    out.write(line(7));
    out.destroy();
    destination = undefined;
    expect(readFileSync(file, 'utf8')).toBe(line(7));
  });
});
