/** The display name the Ruby broker generates from a pacticipant name: `my-service` → `My Service`. */
export function generateDisplayName(name: string): string {
  return name
    .replace(/([A-Z])([A-Z])([a-z])/g, '$1 $2$3')
    .replace(/([a-z\d])([A-Z])(\S)/g, '$1 $2$3')
    .replace(/(\S)([-_\s.])(\S)/g, '$1 $3')
    .replace(/\s+/g, ' ')
    .trim()
    .split(' ')
    .map((word) => word.replace(/_+([a-z])/g, (_, letter: string) => letter.toUpperCase()).replace(/^[a-z]/, (letter) => letter.toUpperCase()))
    .join(' ');
}
