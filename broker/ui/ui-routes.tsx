import { Hono, type Handler, type MiddlewareHandler } from 'hono';
import { html } from 'hono/html';
import type { JSX } from 'hono/jsx/jsx-runtime';
import type { Db } from '../db/index.js';
import { latestPactUrl, pactUrl } from '../hal/index.js';
import { HAL_JSON, PLAIN_JSON, pathParam, type BrokerContext, type BrokerEnv, forcesJson, prefersHtml } from '../http/index.js';
import { IndexPage } from './index-page.js';
import { Layout } from './layout.js';
import { PactPage } from './pact-page.js';
import { PlatformHomeContext, platformHomeOf } from './platform-home.js';
import { pactView } from './pact-view.js';
import { ProviderContractPage } from './provider-contract-page.js';
import { findPactForPage, findProviderContractForPage, listIndexItems } from './ui-service.js';

const INTEGRATION = '/pacts/provider/:provider/consumer/:consumer';

/**
 * Pages for browsers on the API's own URLs, as the Ruby broker serves its UI and `text/html` pacts:
 * the index at `/` and the pact pages. Registered before the API routes; any request that is not a
 * browser's passes on to them untouched, so API clients get exactly the JSON they always got.
 */
export function uiRoutes(db: Db, clock: () => Date): Hono<BrokerEnv> {
  const app = new Hono<BrokerEnv>();

  app.get(
    '/',
    forBrowsers(async (c) => render(c, <IndexPage items={await listIndexItems(db)} baseUrl={c.get('baseUrl')} now={clock()} />)),
  );
  app.get(`${INTEGRATION}/latest`, forBrowsers((c) => pactPage(c, undefined)));
  app.get(`${INTEGRATION}/version/:version`, forBrowsers((c) => pactPage(c, pathParam(c, 'version'))));
  // A verification result has no page: a browser gets it in the API browser, as the Ruby broker's UI
  // redirects it (ui/controllers/pacts.rb), the fragment naming the whole URL, still encoded (issue 14).
  app.get(
    `${INTEGRATION}/pact-version/:pactVersion/verification-results/:number`,
    forBrowsers((c) => c.redirect(`${c.get('baseUrl')}/hal-browser/browser.html#${c.get('baseUrl')}${new URL(c.req.url).pathname}`, 302)),
  );

  // Team issue 15: a provider contract, its self-verification and its comparisons.
  app.get(
    '/contracts/bi-directional/provider/:provider/version/:version/provider-contract',
    forBrowsers(async (c) => {
      const data = await findProviderContractForPage(db, pathParam(c, 'provider'), pathParam(c, 'version'));
      const baseUrl = c.get('baseUrl');
      if (!data) return render(c, <NotFoundPage baseUrl={baseUrl} what={`${pathParam(c, 'provider')} version ${pathParam(c, 'version')} has no provider contract.`} />, 404);
      return render(c, <ProviderContractPage data={data} baseUrl={baseUrl} />);
    }),
  );

  /** The latest pact, or the pact of one consumer version; its raw JSON link is the URL asked for. */
  async function pactPage(c: BrokerContext, consumerVersionNumber: string | undefined): Promise<Response> {
    const names = { consumerName: pathParam(c, 'consumer'), providerName: pathParam(c, 'provider') };
    const baseUrl = c.get('baseUrl');
    const data = await findPactForPage(db, { ...names, consumerVersionNumber });
    if (!data) return render(c, <NotFoundPage baseUrl={baseUrl} what={`No pact between ${names.consumerName} and ${names.providerName} was found.`} />, 404);
    const pageUrl =
      consumerVersionNumber === undefined ? latestPactUrl(baseUrl, names.consumerName, names.providerName) : pactUrl(baseUrl, { ...names, consumerVersionNumber });
    return render(c, <PactPage data={data} view={pactView(data.pact.content)} pageUrl={pageUrl} baseUrl={baseUrl} now={clock()} />);
  }

  return app;
}

/**
 * The page for a browser; for anyone else, the API's answer. With `?format=json` (the pages' raw JSON
 * links) the API answers even a browser, labelled `application/json` so that browsers show it
 * rather than download a `hal+json` file.
 */
function forBrowsers(page: Handler<BrokerEnv>): MiddlewareHandler<BrokerEnv> {
  return async (c, next) => {
    if (forcesJson(c.req.raw)) {
      await next();
      if (c.res.headers.get('content-type') === HAL_JSON) c.res.headers.set('content-type', PLAIN_JSON);
      return;
    }
    if (!prefersHtml(c.req.raw)) return next();
    return page(c, next);
  };
}

function render(c: BrokerContext, page: JSX.Element, status: 200 | 404 = 200): Response | Promise<Response> {
  const framed = <PlatformHomeContext.Provider value={platformHomeOf(c.req.raw.headers)}>{page}</PlatformHomeContext.Provider>;
  return c.html(html`<!DOCTYPE html>${framed}`, status);
}

function NotFoundPage({ baseUrl, what }: { baseUrl: string; what: string }) {
  return (
    <Layout title="Not found" baseUrl={baseUrl}>
      <h1>Not found</h1>
      <p>{what}</p>
      <p>
        <a href={`${baseUrl}/`}>See all integrations</a>
      </p>
    </Layout>
  );
}
