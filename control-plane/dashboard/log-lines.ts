/** One log line as the tenant page's table shows it (team issue 16: raw JSON read badly). */
export interface LogRow {
  time: string;
  level: string;
  message: string;
  /** The line's other fields, `key=value`, values that are not strings as JSON. */
  fields: string[];
  raw: string;
}

/**
 * The rows of a log's text: each line of our JSON logs (`{time, level, message, ...fields}`, see
 * shared/logger.ts) split into its parts; any other line (a database's, a crash's) whole as the message.
 */
export function logRows(text: string): LogRow[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map(logRow);
}

function logRow(raw: string): LogRow {
  const parsed = parseObject(raw);
  if (parsed === undefined) return { time: '', level: '', message: raw, fields: [], raw };
  const { time, level, message, ...rest } = parsed;
  return {
    time: typeof time === 'string' ? time : '',
    level: typeof level === 'string' ? level : '',
    message: typeof message === 'string' ? message : '',
    fields: Object.entries(rest).map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`),
    raw,
  };
}

function parseObject(line: string): Record<string, unknown> | undefined {
  if (!line.trimStart().startsWith('{')) return undefined;
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
