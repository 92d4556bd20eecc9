import { logRows } from './log-lines.js';

/** A log's lines as a table (time, level, message, fields), each with its raw line on demand. */
export function LogTable({ text }: { text: string }) {
  const rows = logRows(text);
  if (rows.length === 0) return <p class="empty">The log is empty.</p>;
  return (
    <div class="log-wrap" tabindex={0}>
      <table class="logs">
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Level</th>
            <th scope="col">Message</th>
            <th scope="col">Fields</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr data-level={row.level}>
              <td class="time">
                <time datetime={row.time}>{row.time.replace('T', ' ')}</time>
              </td>
              <td class={`level level-${row.level}`}>{row.level}</td>
              <td class="message">{row.message}</td>
              <td class="fields">
                {row.fields.map((field) => (
                  <code>{field}</code>
                ))}
                <details>
                  <summary>raw</summary>
                  <pre>{row.raw}</pre>
                </details>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
