// The HAL browser's page (issue 14), in the layout of Mike Kelly's HAL browser that the Ruby broker
// serves at the same path: a location bar, the resource's links, properties and embedded resources
// on the left; the relation docs, the request headers and the response on the right. Asset URLs are
// relative, so the page works under any base path, the gateway's `/t/<tenant>` included.

/** `browser.html`: markup only; the behaviour is in hal-browser.js, the looks in hal-browser.css. */
export const BROWSER_HTML = `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>The HAL Browser</title>
  <link rel="icon" href="data:,">
  <link rel="stylesheet" href="hal-browser.css">
</head>
<body>
  <nav class="site">
    <a href="#/" id="entry-point">Go To Entry Point</a>
    <a href="../" id="broker-home">Pact Broker Home</a>
  </nav>
  <form id="location-bar">
    <input id="location" type="text" aria-label="URL to fetch" spellcheck="false">
    <button type="submit">Go!</button>
  </form>
  <div id="browser">
    <section id="explorer">
      <h2>Links</h2>
      <table id="links" class="links">
        <thead><tr><th>rel</th><th>title</th><th>name / index</th><th>docs</th><th>GET</th><th>NON-GET</th></tr></thead>
        <tbody></tbody>
      </table>
      <h2>Properties</h2>
      <pre id="properties"></pre>
      <h2>Embedded Resources</h2>
      <div id="embedded"></div>
    </section>
    <section id="inspector">
      <div id="docs" hidden>
        <h2>Docs <button type="button" id="close-docs">Close</button></h2>
        <iframe id="docs-frame" title="Relation documentation"></iframe>
      </div>
      <h2>Request Headers</h2>
      <textarea id="request-headers" rows="2" spellcheck="false" aria-label="Request headers">Accept: application/hal+json, application/json, */*;q=0.01</textarea>
      <h2>Response Headers</h2>
      <pre id="response-status"></pre>
      <pre id="response-headers"></pre>
      <h2>Response Body</h2>
      <pre id="response-body"></pre>
    </section>
  </div>
  <dialog id="query-dialog">
    <form method="dialog" id="query-form">
      <h3>Expand URI template</h3>
      <p><code id="query-template"></code></p>
      <div id="query-fields"></div>
      <p>Expanded URI: <code id="query-expanded"></code></p>
      <button type="submit" value="follow">Follow URI</button>
      <button type="submit" value="cancel">Cancel</button>
    </form>
  </dialog>
  <dialog id="non-get-dialog">
    <form method="dialog" id="non-get-form">
      <h3>Make a non-GET request</h3>
      <p><code id="non-get-url"></code></p>
      <label>Method: <input id="non-get-method" value="POST"></label>
      <label>Headers: <textarea id="non-get-headers" rows="2" spellcheck="false">Content-Type: application/json
Accept: application/hal+json, application/json</textarea></label>
      <label>Body: <textarea id="non-get-body" rows="10" spellcheck="false">{
}</textarea></label>
      <button type="submit" value="send">Make Request</button>
      <button type="submit" value="cancel">Cancel</button>
    </form>
  </dialog>
  <script src="hal-browser.js"></script>
</body>
</html>
`;
