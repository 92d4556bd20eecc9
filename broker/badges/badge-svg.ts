/**
 * Badges drawn in the flat shields.io style the Ruby broker's badges have (a grey label on the left,
 * a coloured message on the right), generated here so that no request leaves the broker.
 */

/** The shields.io colour names the Ruby broker uses (`badges/service.rb`). */
export type BadgeColor = 'brightgreen' | 'red' | 'orange' | 'lightgrey';

export interface Badge {
  label: string;
  message: string;
  color: BadgeColor;
}

const COLOR_HEX: Record<BadgeColor, string> = {
  brightgreen: '#4c1',
  red: '#e05d44',
  orange: '#fe7d37',
  lightgrey: '#9f9f9f',
};

const LABEL_HEX = '#555';
const HEIGHT = 20;
/** Space left and right of each text. */
const PADDING = 5;

/**
 * Approximate advance widths of Verdana at 11px, by groups of characters. Any character outside
 * the groups counts as an average lowercase letter, which is close enough for a badge to look right.
 */
const WIDTH_GROUPS: readonly (readonly [RegExp, number])[] = [
  [/[iljI'|!.,:;]/, 3.3],
  [/[ f]/, 3.9],
  [/[rt()[\]/\\-]/, 4.6],
  [/[csz]/, 5.8],
  [/[w]/, 8.9],
  [/[mMW%@]/, 10.6],
  [/[A-Z]/, 7.5],
];
const DEFAULT_CHAR_WIDTH = 6.7;

/** The estimated width in pixels of the text as the badge draws it. */
export function textWidth(text: string): number {
  let width = 0;
  for (const char of text) width += WIDTH_GROUPS.find(([group]) => group.test(char))?.[1] ?? DEFAULT_CHAR_WIDTH;
  return width;
}

/** The badge as an SVG document, after an XML comment with the note when one is given. */
export function renderBadgeSvg({ label, message, color }: Badge, note?: string): string {
  const labelWidth = Math.round(textWidth(label)) + 2 * PADDING;
  const messageWidth = Math.round(textWidth(message)) + 2 * PADDING;
  const width = labelWidth + messageWidth;
  const title = escapeXml(`${label}: ${message}`);
  return [
    ...(note === undefined ? [] : [`<!-- ${commentSafe(note)} -->`]),
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${HEIGHT}" role="img" aria-label="${title}">`,
    `<title>${title}</title>`,
    '<linearGradient id="shine" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient>',
    `<clipPath id="round"><rect width="${width}" height="${HEIGHT}" rx="3" fill="#fff"/></clipPath>`,
    '<g clip-path="url(#round)">',
    `<rect width="${labelWidth}" height="${HEIGHT}" fill="${LABEL_HEX}"/>`,
    `<rect x="${labelWidth}" width="${messageWidth}" height="${HEIGHT}" fill="${COLOR_HEX[color]}"/>`,
    `<rect width="${width}" height="${HEIGHT}" fill="url(#shine)"/>`,
    '</g>',
    '<g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="11">',
    ...shadowedText(label, labelWidth / 2),
    ...shadowedText(message, labelWidth + messageWidth / 2),
    '</g>',
    '</svg>',
  ].join('\n');
}

/** The text with a faint copy a pixel lower, which gives the flat style its embossed look. */
function shadowedText(text: string, centre: number): string[] {
  const escaped = escapeXml(text);
  return [`<text x="${centre}" y="15" fill="#010101" fill-opacity=".3">${escaped}</text>`, `<text x="${centre}" y="14">${escaped}</text>`];
}

/** A comment cannot hold "--": a name holding "-->" would otherwise end it and add markup. */
function commentSafe(text: string): string {
  return text.replace(/-(?=-)/g, '- ');
}

/** Names and labels come from the URL: escaped, they cannot add markup (or script) to the SVG. */
function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
