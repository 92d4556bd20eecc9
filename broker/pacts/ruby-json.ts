/**
 * JSON as the Ruby broker writes it (team issue 14). Ruby parses `1.0`, `1.50` and `1e3` as Floats and
 * writes them back with `Float#to_s` (`1.0`, `1.5`, `1000.0`); the pact SHA is taken over that text, so a
 * pact holding floats hashes differently unless we keep them Floats too.
 */

/** A JSON number written with a fraction or an exponent: a Ruby Float. */
export class RubyFloat {
  constructor(readonly value: number) {}

  /** Ruby's `Float#to_s`, which the json gem writes. */
  toString(): string {
    return rubyFloatText(this.value);
  }

  /** What `JSON.stringify` writes: a marked string {@link generatePactJson} turns back into the number's text. */
  toJSON(): string {
    return `${FLOAT_MARK}${this.toString()}`;
  }
}

/** A parsed JSON number (a JavaScript number for an integer, a {@link RubyFloat} for a float), as a number. */
export function numericValue(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  return value instanceof RubyFloat ? value.value : undefined;
}

/** The JSON text of a number, string, boolean or null: `JSON.stringify`, except floats as Ruby writes them. */
export function scalarJson(value: unknown): string {
  if (value instanceof RubyFloat) return value.toString();
  return JSON.stringify(value) ?? 'null';
}

const FLOAT_MARK = '\u0000rb-float:';
/** The mark as JSON.stringify escapes it, and a marked float in its output. */
const MARK_IN_JSON = '"\\u0000rb-float:';
const MARKED_FLOAT = /"\\u0000rb-float:(-?\d+\.\d+(?:e[+-]\d+)?)"/g;

/**
 * `JSON.parse`, with numbers written with a fraction or exponent parsed as {@link RubyFloat}s. Texts
 * without any are parsed natively; the others are marked up first, so the parsing stays native (issue 11).
 */
export function parsePactJson(text: string): unknown {
  const marked = /\d[.eE]/.test(text) ? markFloats(text) : undefined;
  if (marked === undefined) return JSON.parse(text);
  const parsed: unknown = JSON.parse(marked, (_key, value: unknown) =>
    typeof value === 'string' && value.startsWith(FLOAT_MARK) ? new RubyFloat(Number(value.slice(FLOAT_MARK.length))) : value,
  );
  // A document that is one number is refused by its callers for what it is, a number.
  return parsed instanceof RubyFloat ? parsed.value : parsed;
}

/**
 * The text with each float token outside strings turned into a marked string, or undefined when it has none.
 * A scan, not a regular expression: a pattern for strings overflowed the stack on a 12 MiB string (issue 11).
 */
function markFloats(text: string): string | undefined {
  const pieces: string[] = [];
  let copied = 0;
  for (let i = 0; i < text.length; ) {
    const code = text.charCodeAt(i);
    if (code === QUOTE) {
      i = endOfString(text, i);
    } else if (code === MINUS || (code >= ZERO && code <= NINE)) {
      let end = i + 1;
      while (end < text.length && NUMBER_CHARS.has(text.charCodeAt(end))) end++;
      const token = text.slice(i, end);
      // Only a valid float: anything else is left for JSON.parse to refuse.
      if (FLOAT_TOKEN.test(token)) {
        pieces.push(text.slice(copied, i), `${MARK_IN_JSON}${token}"`);
        copied = end;
      }
      i = end;
    } else {
      i++;
    }
  }
  return pieces.length === 0 ? undefined : pieces.join('') + text.slice(copied);
}

/** The index after the string that starts at `start` (or the text's end when it is not closed). */
function endOfString(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === BACKSLASH) i++;
    else if (code === QUOTE) return i + 1;
  }
  return text.length;
}

const [QUOTE, BACKSLASH, MINUS, ZERO, NINE] = ['"', '\\', '-', '0', '9'].map((c) => c.charCodeAt(0)) as [number, number, number, number, number];
const FLOAT_TOKEN = /^-?(?:0|[1-9]\d*)(?:\.\d+(?:[eE][+-]?\d+)?|[eE][+-]?\d+)$/;
const NUMBER_CHARS = new Set([...'0123456789.eE+-'].map((c) => c.charCodeAt(0)));

/** `JSON.generate` of a parsed document: `JSON.stringify` (native: pacts are megabytes, issue 11), floats as Ruby writes them. */
export function generatePactJson(value: unknown): string {
  const text = JSON.stringify(value);
  return text.includes(MARK_IN_JSON) ? text.replace(MARKED_FLOAT, '$1') : text;
}

/** Ruby's `Float#to_s`: shortest digits; plain notation for exponents -4 < e <= 16, else `d.ddde+XX`. */
export function rubyFloatText(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const sign = value < 0 ? '-' : '';
  const [mantissa = '', exponentText = '0'] = Math.abs(value).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const decimalPoint = Number(exponentText) + 1;
  if (decimalPoint > 0 && decimalPoint <= 16) {
    const whole = digits.slice(0, decimalPoint).padEnd(decimalPoint, '0');
    return `${sign}${whole}.${digits.slice(decimalPoint) || '0'}`;
  }
  if (decimalPoint <= 0 && decimalPoint > -4) return `${sign}0.${'0'.repeat(-decimalPoint)}${digits}`;
  const exponent = decimalPoint - 1;
  return `${sign}${digits[0] ?? ''}.${digits.slice(1) || '0'}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
}
