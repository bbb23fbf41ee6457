import { buildApp } from './src/app.js';
import { loadConfig } from './src/config.js';
import { openStore } from './src/db/open.js';
const app = await buildApp(loadConfig({LOG_LEVEL:'silent'} as any), { store: openStore('data/ind.sqlite') });
for (const url of ['/v1/figures?foo=1', '/v1/figures?procedure=x', '/v1/figures?lang=de', '/v1/figures?year=2016&year=2015', '/v1/figures?limit=0', '/v1/figures?limit=2', '/v1/tables/asylum?format=xml', '/v1/figures?table=asylum&procedure=tev']) {
  const r = await app.inject(url);
  console.log(url, r.statusCode, r.headers.link, r.body.slice(0, 400));
}
const r = await app.inject({url:'/v1/figures', headers: {accept: 'text/csv'}}); console.log(r.statusCode, r.headers['content-type']);
const e = (await app.inject('/v1/tables')).headers.etag;
const r2 = await app.inject({url:'/v1/tables', headers: {'if-none-match': e as string}}); console.log(r2.statusCode, r2.headers);
const r3 = await app.inject({method:'POST', url:'/v1/tables'}); console.log(r3.statusCode, r3.body);
const r4 = await app.inject({method:'OPTIONS', url:'/v1/tables', headers:{origin:'http://x', 'access-control-request-method':'GET'}}); console.log(r4.statusCode, r4.headers);
