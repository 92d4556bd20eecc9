import { describe, expect, it } from 'vitest';
import { renderBadgeSvg, textWidth, type BadgeColor } from './badge-svg.js';

describe('textWidth', () => {
  // Section widths (text + 10) of badges shields.io drew in Verdana 11px: the estimate stays within 3px.
  it.each([
    ['pact', 33],
    ['verified', 51],
    ['failed', 43],
    ['changed', 59],
    ['unknown', 61],
    ['pact not found', 91],
    ['can-i-deploy', 79],
    ['WWW', 42],
  ])('%s is about %ipx wide with its padding', (text, shieldsWidth) => {
    expect(Math.abs(textWidth(text) + 10 - shieldsWidth)).toBeLessThanOrEqual(3);
  });

  it('counts each character, including those outside the width groups', () => {
    expect(textWidth('')).toBe(0);
    expect(textWidth('ää')).toBeCloseTo(2 * textWidth('a'));
    expect(textWidth('mi')).toBeGreaterThan(textWidth('ii'));
  });
});

describe('renderBadgeSvg', () => {
  const rects = (svg: string) => [...svg.matchAll(/<rect( x="(\d+)")? width="(\d+)" height="20" fill="([^"]+)"\/>/g)].map((m) => ({ x: m[2], width: Number(m[3]), fill: m[4] }));

  it('draws the label on grey and the message on its colour, sized to their texts', () => {
    const svg = renderBadgeSvg({ label: 'pact', message: 'verified', color: 'brightgreen' });
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="86" height="20" role="img" aria-label="pact: verified">/);
    expect(rects(svg)).toEqual([
      { x: undefined, width: 34, fill: '#555' },
      { x: '34', width: 52, fill: '#4c1' },
      { x: undefined, width: 86, fill: 'url(#shine)' },
    ]);
    expect([...svg.matchAll(/<text x="([\d.]+)" y="(\d+)"[^>]*>([^<]*)<\/text>/g)].map((m) => m.slice(1))).toEqual([
      ['17', '15', 'pact'],
      ['17', '14', 'pact'],
      ['60', '15', 'verified'],
      ['60', '14', 'verified'],
    ]);
    expect(svg.endsWith('</svg>')).toBe(true);
  });

  it.each<[BadgeColor, string]>([
    ['brightgreen', '#4c1'],
    ['red', '#e05d44'],
    ['orange', '#fe7d37'],
    ['lightgrey', '#9f9f9f'],
  ])('fills %s with %s', (color, hex) => {
    expect(rects(renderBadgeSvg({ label: 'a', message: 'b', color }))[1]?.fill).toBe(hex);
  });

  it('escapes markup in the texts, which come from the URL', () => {
    const svg = renderBadgeSvg({ label: '<script>alert("x")</script>', message: "a&b'", color: 'red' });
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62;');
    expect(svg).toContain('a&#38;b&#39;');
  });

  it('starts with the note as a comment that a name cannot end early', () => {
    expect(renderBadgeSvg({ label: 'a', message: 'b', color: 'red' }, 'Foo version 1').startsWith('<!-- Foo version 1 -->\n<svg ')).toBe(true);
    const svg = renderBadgeSvg({ label: 'a', message: 'b', color: 'red' }, 'x--><script>y</script>---');
    const comment = /^<!-- (.*) -->\n<svg /.exec(svg)?.[1];
    expect(comment).toBe('x- -><script>y</script>- - -');
    expect(comment).not.toContain('--');
    expect(renderBadgeSvg({ label: 'a', message: 'b', color: 'red' }).startsWith('<svg ')).toBe(true);
  });
});
