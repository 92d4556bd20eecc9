// The HAL browser's behaviour (issue 14), plain browser JavaScript served as `hal-browser.js`. It lives
// in a string because the broker's image holds only what tsc emits, and because the machine it runs on
// has no network: no framework, no CDN. Everything from the API is written with textContent, never as
// HTML, and only http(s) URLs reach the docs frame.

/** `hal-browser.js`: fetches the resource named in the fragment and shows its links, properties and embedded resources. */
export const BROWSER_SCRIPT = String.raw`
'use strict';
(function () {
  // The broker's root: this page's path less /hal-browser/browser.html (the gateway's /t/<tenant> stays in it).
  var brokerRoot = location.origin + location.pathname.replace(/\/hal-browser\/browser\.html$/, '');
  var $ = function (id) { return document.getElementById(id); };

  // The fragment holds a path under the broker's root (#/pacticipants), or a whole URL outside it.
  // Both stay percent-encoded as the links were: a name with a space is Web%20App in the fragment and in the request.
  function urlOfFragment() {
    var fragment = location.hash.slice(1) || '/';
    return /^https?:\/\//i.test(fragment) ? fragment : brokerRoot + (fragment.charAt(0) === '/' ? '' : '/') + fragment;
  }
  function fragmentOf(url) {
    var absolute = new URL(url, brokerRoot + '/').href;
    if (absolute === brokerRoot || absolute.indexOf(brokerRoot + '/') === 0) return absolute.slice(brokerRoot.length) || '/';
    return absolute;
  }
  function follow(url) {
    var before = location.hash;
    location.hash = fragmentOf(url);
    // The same fragment again raises no hashchange: load it all the same, as a click means "fetch this".
    if (location.hash === before) load();
  }

  function element(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (className) node.className = className;
    return node;
  }
  function button(text, className, onClick) {
    var node = element('button', text, className);
    node.type = 'button';
    node.addEventListener('click', onClick);
    return node;
  }

  function parseHeaders(text) {
    var headers = new Headers();
    text.split('\n').forEach(function (line) {
      var colon = line.indexOf(':');
      if (colon > 0) headers.append(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
    });
    return headers;
  }

  // RFC 6570 expansion for the operators HAL links use: {var}, {+var}, {?a,b}, {&a}, {/a}, {#a}.
  function templateVariables(template) {
    var names = [];
    template.replace(/\{([+#./;?&]?)([^}]+)\}/g, function (_, operator, list) {
      list.split(',').forEach(function (name) { name = name.replace(/[*]|:\d+$/g, ''); if (names.indexOf(name) < 0) names.push(name); });
      return '';
    });
    return names;
  }
  function expand(template, values) {
    return template.replace(/\{([+#./;?&]?)([^}]+)\}/g, function (_, operator, list) {
      var encode = operator === '+' || operator === '#' ? encodeURI : encodeURIComponent;
      var parts = list.split(',').map(function (name) {
        name = name.replace(/[*]|:\d+$/g, '');
        var value = values[name];
        if (value === undefined || value === '') return undefined;
        return operator === '?' || operator === '&' || operator === ';' ? name + '=' + encode(value) : encode(value);
      }).filter(function (part) { return part !== undefined; });
      if (parts.length === 0) return '';
      var first = { '?': '?', '&': '&', '/': '/', '#': '#', '.': '.', ';': ';' }[operator] || '';
      var separator = operator === '?' || operator === '&' ? '&' : operator === '' || operator === '+' || operator === '#' ? ',' : operator;
      return first + parts.join(separator);
    });
  }

  function docsUrl(rel, curies) {
    var colon = rel.indexOf(':');
    if (colon < 0) return undefined;
    var prefix = rel.slice(0, colon);
    var curie = [].concat(curies || []).filter(function (c) { return c && c.name === prefix; })[0];
    if (!curie || typeof curie.href !== 'string') return undefined;
    var url = new URL(curie.href.replace('{rel}', encodeURIComponent(rel.slice(colon + 1))), brokerRoot + '/');
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  }
  function showDocs(url) {
    $('docs-frame').src = url;
    $('docs').hidden = false;
  }

  function linkRow(rel, link, nameOrIndex, curies) {
    var row = element('tr');
    row.dataset.rel = rel;
    row.appendChild(element('td', rel, 'rel'));
    row.appendChild(element('td', link.title || ''));
    row.appendChild(element('td', nameOrIndex));
    var docs = element('td');
    var doc = docsUrl(rel, curies);
    if (doc) docs.appendChild(button('docs', 'docs', function () { showDocs(doc); }));
    row.appendChild(docs);
    var get = element('td');
    if (link.templated === true) get.appendChild(button('?', 'query', function () { openQuery(link.href); }));
    else get.appendChild(button('\u2192', 'follow', function () { follow(link.href); }));
    get.firstChild.title = link.templated === true ? 'Query URI template' : 'Follow link';
    row.appendChild(get);
    var nonGet = element('td');
    nonGet.appendChild(button('!', 'non-get', function () { openNonGet(link.href); }));
    nonGet.firstChild.title = 'Perform non-GET request';
    row.appendChild(nonGet);
    return row;
  }
  function linkRows(links, curies) {
    var rows = [];
    Object.keys(links || {}).forEach(function (rel) {
      if (rel === 'curies') return;
      var value = links[rel];
      if (Array.isArray(value)) value.forEach(function (link, i) { if (link && link.href) rows.push(linkRow(rel, link, link.name ? 'name: ' + link.name : 'index: ' + i, curies)); });
      else if (value && value.href) rows.push(linkRow(rel, value, value.name ? 'name: ' + value.name : '', curies));
    });
    return rows;
  }
  function properties(resource) {
    var copy = {};
    Object.keys(resource).forEach(function (key) { if (key !== '_links' && key !== '_embedded') copy[key] = resource[key]; });
    return JSON.stringify(copy, null, 2);
  }

  function embeddedResource(rel, resource, label, curies) {
    var details = element('details', undefined, 'embedded');
    var title = resource.name || resource.title || (resource._links && resource._links.self && resource._links.self.title);
    details.appendChild(element('summary', rel + label + (title ? ': ' + title : '')));
    var links = element('table', undefined, 'links');
    linkRows(resource._links, curies).forEach(function (row) { links.appendChild(row); });
    details.appendChild(links);
    details.appendChild(element('pre', properties(resource)));
    embeddedResources(resource._embedded, curies).forEach(function (node) { details.appendChild(node); });
    return details;
  }
  function embeddedResources(embedded, curies) {
    var nodes = [];
    Object.keys(embedded || {}).forEach(function (rel) {
      var value = embedded[rel];
      if (Array.isArray(value)) value.forEach(function (item, i) { if (item && typeof item === 'object') nodes.push(embeddedResource(rel, item, '[' + i + ']', curies)); });
      else if (value && typeof value === 'object') nodes.push(embeddedResource(rel, value, '', curies));
    });
    return nodes;
  }

  function showResource(resource) {
    var body = $('links').tBodies[0];
    body.replaceChildren();
    $('embedded').replaceChildren();
    if (!resource || typeof resource !== 'object' || Array.isArray(resource)) {
      $('properties').textContent = '';
      return;
    }
    var curies = resource._links && resource._links.curies;
    linkRows(resource._links, curies).forEach(function (row) { body.appendChild(row); });
    $('properties').textContent = properties(resource);
    embeddedResources(resource._embedded, curies).forEach(function (node) { $('embedded').appendChild(node); });
  }

  function showResponse(response, text) {
    $('response-status').textContent = response.status + ' ' + response.statusText;
    var headers = [];
    response.headers.forEach(function (value, name) { headers.push(name + ': ' + value); });
    $('response-headers').textContent = headers.join('\n');
    var parsed;
    try { parsed = JSON.parse(text); } catch (error) { parsed = undefined; }
    $('response-body').textContent = parsed === undefined ? text : JSON.stringify(parsed, null, 2);
    showResource(parsed);
  }
  function showFailure(url, error) {
    $('response-status').textContent = 'The request to ' + url + ' failed: ' + error.message;
    $('response-headers').textContent = '';
    $('response-body').textContent = '';
    showResource(undefined);
  }

  function request(url, init) {
    return fetch(url, init).then(function (response) {
      return response.text().then(function (text) { showResponse(response, text); });
    }, function (error) { showFailure(url, error); });
  }
  function load() {
    var url = urlOfFragment();
    $('location').value = url;
    document.body.dataset.loading = url;
    request(url, { headers: parseHeaders($('request-headers').value) }).then(function () {
      document.body.dataset.loaded = url;
      delete document.body.dataset.loading;
    });
  }

  function openQuery(template) {
    var fields = $('query-fields');
    fields.replaceChildren();
    $('query-template').textContent = template;
    var values = {};
    var update = function () { $('query-expanded').textContent = expand(template, values); };
    templateVariables(template).forEach(function (name) {
      var label = element('label', name + ': ');
      var input = element('input');
      input.name = name;
      input.addEventListener('input', function () { values[name] = input.value; update(); });
      label.appendChild(input);
      fields.appendChild(label);
    });
    update();
    $('query-dialog').showModal();
  }
  $('query-dialog').addEventListener('close', function () {
    if ($('query-dialog').returnValue === 'follow') follow($('query-expanded').textContent);
  });

  function openNonGet(url) {
    $('non-get-url').textContent = url;
    $('non-get-dialog').showModal();
  }
  $('non-get-dialog').addEventListener('close', function () {
    if ($('non-get-dialog').returnValue !== 'send') return;
    var method = $('non-get-method').value.trim().toUpperCase() || 'POST';
    var init = { method: method, headers: parseHeaders($('non-get-headers').value) };
    if (method !== 'DELETE' && method !== 'HEAD') init.body = $('non-get-body').value;
    request($('non-get-url').textContent, init);
  });

  $('location-bar').addEventListener('submit', function (event) {
    event.preventDefault();
    follow($('location').value.trim());
  });
  // A click means "fetch the index", also when the fragment is #/ already (a non-GET answer may be showing).
  $('entry-point').addEventListener('click', function (event) {
    event.preventDefault();
    follow(brokerRoot + '/');
  });
  $('close-docs').addEventListener('click', function () { $('docs').hidden = true; });
  window.addEventListener('hashchange', load);
  load();
})();
`;
