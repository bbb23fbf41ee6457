import { once } from 'node:events';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { Offload } from '../../src/offload/offload.js';
import { jsonLdToTurtle } from '../../src/publishing/turtle.js';

const CONTEXT = { dct: 'http://purl.org/dc/terms/' };
const doc = (title: string) => ({ '@context': CONTEXT, '@id': 'https://example.org/a', 'dct:title': title });

/** The worker thread that draws the charts and writes the Turtle catalog, apart from the server's own thread. */
describe('offload worker', () => {
  // One worker for the tests that do not end it, as the server has one for all its tasks.
  const shared = new Offload(60_000);
  afterAll(() => shared.close());
  const started: Offload[] = [];
  const offload = (idleMs: number, answerMs?: number) => {
    const o = new Offload(idleMs, answerMs);
    started.push(o);
    return o;
  };
  afterEach(async () => {
    await Promise.all(started.splice(0).map((o) => o.close()));
  });

  it('gives the same result as the task run in this thread', async () => {
    expect(shared.running).toBe(false);
    const [apart, here] = await Promise.all([shared.run('jsonLdToTurtle', doc('Asiel'), CONTEXT), jsonLdToTurtle(doc('Asiel'), CONTEXT)]);
    expect(apart).toBe(here);
    expect(apart).toContain('dct:title "Asiel"');
    expect(shared.running).toBe(true);
  });

  it('answers tasks sent together each with its own result', async () => {
    const titles = ['a', 'b', 'c', 'd'];
    const results = await Promise.all(titles.map((t) => shared.run('jsonLdToTurtle', doc(t), CONTEXT)));
    results.forEach((turtle, i) => expect(turtle).toContain(`dct:title "${titles[i]}"`));
  });

  it('ends the worker once idle, so its memory goes back, and starts another for the next task', async () => {
    const o = offload(20);
    await o.run('jsonLdToTurtle', doc('first'), CONTEXT);
    await once(o, 'stopped');
    expect(o.running).toBe(false);
    expect(await o.run('jsonLdToTurtle', doc('second'), CONTEXT)).toContain('"second"');
  });

  it("fails a task with the task's own error and stays usable", async () => {
    await expect(shared.run('jsonLdToTurtle', { '@context': 'https://example.org/context.jsonld', '@id': 'https://example.org/a' }, CONTEXT)).rejects.toThrow(
      /context\.jsonld/,
    );
    expect(await shared.run('jsonLdToTurtle', doc('after'), CONTEXT)).toContain('"after"');
  });

  it('fails a task whose data cannot be sent to the worker, and still ends once idle', async () => {
    const o = offload(20);
    const withFunction = { ...doc('x'), 'dct:title': () => 'x' } as unknown as ReturnType<typeof doc>;
    await expect(o.run('jsonLdToTurtle', withFunction, CONTEXT)).rejects.toThrow(/could not be cloned/);
    await once(o, 'stopped');
    expect(o.running).toBe(false);
  });

  it('gives up a worker that does not answer in time, and fails its tasks', async () => {
    // A millisecond is less than loading jsonld takes, so the first answer always comes too late.
    const o = offload(60_000, 1);
    const stopped = once(o, 'stopped');
    await expect(o.run('jsonLdToTurtle', doc('slow'), CONTEXT)).rejects.toThrow(/no answer in 1 ms/);
    await stopped;
    expect(o.running).toBe(false);
  });

  it('fails what it still had to do when closed, and runs nothing after', async () => {
    const o = offload(60_000);
    const failed = expect(o.run('jsonLdToTurtle', doc('late'), CONTEXT)).rejects.toThrow(/closed/);
    const stopped = once(o, 'stopped');
    await o.close();
    await failed;
    await stopped;
    await expect(o.run('jsonLdToTurtle', doc('later'), CONTEXT)).rejects.toThrow(/closed/);
  });
});
