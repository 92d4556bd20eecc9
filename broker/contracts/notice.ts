/** A message for the publishing client; the CLI prints the texts (broker-api.md §2.1). */
export interface Notice {
  type: 'success' | 'warning' | 'info' | 'debug' | 'prompt' | 'error';
  text: string;
}
