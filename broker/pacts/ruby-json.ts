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

  /** What a plain `JSON.stringify` writes: the number. */
  toJSON(): number {
    return this.value;
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

const FLOAT_LIKE = /"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?[eE][+-]?\d+|-?\d+\.\d+/g;
const FLOAT_MARK = '\u0000rb-float:';

/**
 * `JSON.parse`, with numbers written with a fraction or exponent parsed as {@link RubyFloat}s. Texts
 * without any are parsed natively; the others are marked up first, so the parsing stays native (issue 11).
 */
export function parsePactJson(text: string): unknown {
  if (!/\d[.eE]/.test(text)) return JSON.parse(text);
  let marked = false;
  const markedText = text.replace(FLOAT_LIKE, (token) => {
    if (token.startsWith('"')) return token;
    marked = true;
    return `"${FLOAT_MARK}${token}"`;
  });
  if (!marked) return JSON.parse(text);
  return JSON.parse(markedText, (_key, value: unknown) =>
    typeof value === 'string' && value.startsWith(FLOAT_MARK) ? new RubyFloat(Number(value.slice(FLOAT_MARK.length))) : value,
  );
}

/** `JSON.generate` of a parsed document: keys in their order, floats as Ruby writes them. */
export function generatePactJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(generatePactJson).join(',')}]`;
  if (typeof value === 'object' && value !== null && !(value instanceof RubyFloat)) {
    const entries = Object.entries(value).filter(([, item]) => item !== undefined);
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${generatePactJson(item)}`).join(',')}}`;
  }
  return scalarJson(value);
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
