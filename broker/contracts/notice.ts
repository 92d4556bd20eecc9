/** A message for the publishing client; the CLI prints the texts (docs/broker-api.md#publishing-contracts). */
export interface Notice {
  type: 'success' | 'warning' | 'info' | 'debug' | 'prompt' | 'error';
  text: string;
}
