import { describe, expect, it } from 'vitest';
import { markdownToHtml } from './markdown.js';

// The constructs the Ruby broker's doc views use (lib/pact_broker/doc/views), each as Redcarpet renders it.
describe('markdownToHtml', () => {
  it.each([
    ['a heading', '# Webhooks', '<h1>Webhooks</h1>'],
    ['a deeper heading', '### Creating', '<h3>Creating</h3>'],
    ['paragraphs', 'one\nline\n\ntwo', '<p>one\nline</p>\n<p>two</p>'],
    ['code spans, untouched inside', 'Path: `/webhook/{uuid}` and `a_b_c`', '<p>Path: <code>/webhook/{uuid}</code> and <code>a_b_c</code></p>'],
    ['emphasis', '*Collection resource* and _pacticipant_: **BEWARE**', '<p><em>Collection resource</em> and <em>pacticipant</em>: <strong>BEWARE</strong></p>'],
    ['no emphasis inside words', 'webhook_scheme_whitelist', '<p>webhook_scheme_whitelist</p>'],
    ['links', 'See [the CLI](https://example.org/x#y).', '<p>See <a href="https://example.org/x#y">the CLI</a>.</p>'],
    ['the anchor, and no other HTML', '<a name="whitelist"></a>\n<script>x</script>', '<p><a name="whitelist"></a>\n&lt;script&gt;x&lt;/script&gt;</p>'],
    ['an indented code block, blank lines kept', 'Body:\n\n    {\n      "a": "<b>"\n\n    }\n\nafter', '<p>Body:</p>\n<pre><code>{\n  &quot;a&quot;: &quot;&lt;b&gt;&quot;\n\n}</code></pre>\n<p>after</p>'],
    ['a fenced code block', '```json\n{"a": 1}\n```', '<pre><code>{&quot;a&quot;: 1}</code></pre>'],
    ['a nested list', '* `contracts`\n  * `consumerName`: the name\n* `notices`', '<ul><li><code>contracts</code>\n<ul><li><code>consumerName</code>: the name</li></ul></li><li><code>notices</code></li></ul>'],
    ['an ordered list', '1. one\n2. two', '<ol><li>one</li><li>two</li></ol>'],
    ['a list item on two lines', '* one\ncontinued', '<ul><li>one\ncontinued</li></ul>'],
    ['a table', '| A | B |\n|---|---|\n| 1 | `x` |', '<table class="table"><thead><tr><th>A</th><th>B</th></tr></thead><tbody><tr><td>1</td><td><code>x</code></td></tr></tbody></table>'],
    ['a paragraph ended by a list', 'Parameters:\n* one', '<p>Parameters:</p>\n<ul><li>one</li></ul>'],
  ])('renders %s', (_, markdown, html) => {
    expect(markdownToHtml(markdown)).toBe(html);
  });

  it('starts root-relative links with the base URL, and nothing else', () => {
    expect(markdownToHtml('[a](/doc/x) [b](https://e.org/y) `<a href="/z">`', 'http://h/t/acme')).toBe(
      '<p><a href="http://h/t/acme/doc/x">a</a> <a href="https://e.org/y">b</a> <code>&lt;a href=&quot;/z&quot;&gt;</code></p>',
    );
  });
});
