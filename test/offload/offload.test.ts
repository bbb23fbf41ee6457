import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { Offload } from '../../src/offload/offload.js';
import { jsonLdToTurtle } from '../../src/publishing/turtle.js';

const CONTEXT = { dct: 'http://purl.org/dc/terms/' };
const doc = (title: string) => ({ '@context': CONTEXT, '@id': 'https://example.org/a', 'dct:title': title });

/** The worker thread that draws the charts and writes the Turtle catalog, apart from the server's own thread. */
describe('offload worker', () => {
  const started: Offload[] = [];
  const offload = (idleMs: number) => {
    const o = new Offload(idleMs);
    started.push(o);
    return o;
  };
  afterEach(async () => {
    await Promise.all(started.splice(0).map((o) => o.close()));
  });

  it('gives the same result as the task run in this thread', async () => {
    const o = offload(60_000);
    expect(o.running).toBe(false);
    const [apart, here] = await Promise.all([o.run('jsonLdToTurtle', doc('Asiel'), CONTEXT), jsonLdToTurtle(doc('Asiel'), CONTEXT)]);
    expect(apart).toBe(here);
    expect(apart).toContain('dct:title "Asiel"');
    expect(o.running).toBe(true);
  });

  it('answers tasks sent together each with its own result', async () => {
    const o = offload(60_000);
    const titles = ['a', 'b', 'c', 'd'];
    const results = await Promise.all(titles.map((t) => o.run('jsonLdToTurtle', doc(t), CONTEXT)));
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
    const o = offload(60_000);
    await expect(o.run('jsonLdToTurtle', { '@context': 'https://example.org/context.jsonld', '@id': 'https://example.org/a' }, CONTEXT)).rejects.toThrow(
      /context\.jsonld/,
    );
    expect(await o.run('jsonLdToTurtle', doc('after'), CONTEXT)).toContain('"after"');
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
