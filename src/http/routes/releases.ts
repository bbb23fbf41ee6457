import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Dataset } from '../../data/dataset.js';
import type { ReleaseInfo } from '../../data/types.js';
import { HttpProblem } from '../problem.js';
import { atomRenderer, negotiatedResponses, renderedResponse, respond } from '../renderers/index.js';
import { COMMON_RESPONSES, NOT_FOUND_RESPONSE } from '../schemas/common.js';
import { ReleaseParam, ReleasesQuery } from '../schemas/queries.js';
import { LangSchema } from '../schemas/common.js';

function summary(dataset: Dataset, r: ReleaseInfo) {
  return {
    ...r,
    figureCount: dataset.publishedBy(r.id).length,
    links: { self: `/v1/releases/${r.id}`, figures: `/v1/figures?release=${r.id}` },
  };
}

/** The publications the figures come from: each cited by URL, with what it published. */
export const releaseRoutes: FastifyPluginAsyncZod = async (app) => {
  const { dataset } = app;
  const releases = dataset.allReleases;
  const entries = releases.map((release) => ({ release, figureCount: dataset.publishedBy(release.id).length }));
  const list = () => ({
    data: releases.map((r) => summary(dataset, r)),
    meta: { total: releases.length, lastModified: dataset.lastModified?.toISOString() ?? null },
  });

  app.get('/v1/releases', {
    schema: {
      tags: ['releases'],
      summary: 'The releases the figures come from',
      description: 'Every publication of the IND or the Dutch government whose figures this dataset holds, oldest first: title as published, publisher, address, kind, publication date (or what is known of it) and language.',
      querystring: ReleasesQuery,
      response: { ...negotiatedResponses('release-list', 'The releases, as JSON or an Atom feed'), ...COMMON_RESPONSES },
    },
  }, async (request, reply) => respond(request, reply, { kind: 'release-list', data: { body: list(), entries } }));

  app.get('/v1/releases.atom', {
    schema: {
      tags: ['releases'],
      summary: 'The releases as an Atom feed',
      description: 'One entry per release, newest first, so that a harvester learns of a new release.',
      querystring: z.strictObject({ lang: LangSchema }),
      response: { 200: renderedResponse('release-list', 'An Atom 1.0 feed', atomRenderer), ...COMMON_RESPONSES },
    },
  }, async (request, reply) => respond(request, reply, { kind: 'release-list', data: { body: list(), entries } }, { renderer: atomRenderer }));

  app.get('/v1/releases/:release', {
    schema: {
      tags: ['releases'],
      summary: 'One release and what it published',
      description: 'The release and every figure it gives, each with the value as that release gave it and whether it is the value served today.',
      params: z.strictObject({ release: ReleaseParam }),
      querystring: z.strictObject({}),
      response: { ...negotiatedResponses('release', 'The release and its figures'), ...COMMON_RESPONSES, ...NOT_FOUND_RESPONSE },
    },
  }, async (request, reply) => {
    const release = dataset.release(request.params.release);
    if (!release) {
      throw new HttpProblem(404, `There is no release "${request.params.release}".`, [
        { parameter: 'release', message: 'unknown release', allowed: releases.map((r) => r.id) },
      ]);
    }
    const figures = dataset.publishedBy(release.id).map(({ figure, vintage }) => ({
      table: figure.table,
      metric: figure.metric,
      procedure: figure.procedure,
      year: figure.year,
      unit: figure.unit,
      label: figure.label,
      vintage,
      current: !vintage.revision && figure.source.release === release.id,
    }));
    return respond(request, reply, { kind: 'release', data: { body: { ...summary(dataset, release), figures } } });
  });
};
