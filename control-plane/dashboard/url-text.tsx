/** Break opportunities after a URL's separators: `//`, `/`, `.`, and before `?`, `&`. */
const SEPARATORS = /(?<=\/\/|[/.])(?!\/)|(?=[?&])/;

/**
 * A URL as text that wraps only at its separators (team issue 16: tenant URLs wrapped mid-word),
 * each piece kept whole unless it alone is wider than the line (CSS `.url`).
 */
export function UrlText({ url }: { url: string }) {
  const pieces = url.split(SEPARATORS);
  return (
    <span class="url">
      {pieces.map((piece, index) => (index === 0 ? piece : [<wbr />, piece]))}
    </span>
  );
}
