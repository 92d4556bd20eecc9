/** `${pactbroker.x}` placeholders (RB `webhooks/render.rb`), and `${user.NAME}` secrets (team issue 14, PactFlow's). */
const PARAMETER = /\$\{(?:pactbroker|user)\.[^}]+\}/g;

/** The values of the template parameters, by full name (`pactbroker.consumerName`, `user.TOKEN`). */
export type TemplateParameters = Record<string, string>;

export function includesParameter(value: string): boolean {
  return new RegExp(PARAMETER.source).test(value);
}

/** Every placeholder replaced by the same text: how the contract checks URLs before any pact exists. */
export function renderWithPlaceholder(value: string, placeholder = 'placeholder'): string {
  return value.replace(PARAMETER, placeholder);
}

/** Replaces each known `${name}` with its (escaped) value; unknown placeholders stay as written. */
export function render(template: string, parameters: TemplateParameters, escape: (value: string) => string = (value) => value): string {
  return Object.entries(parameters).reduce((text, [name, value]) => text.split(`\${${name}}`).join(escape(value)), template);
}

/** Ruby's CGI.escape, which the URL's parameters go through: form encoding, a space as `+`. */
export function cgiEscape(value: string): string {
  return encodeURIComponent(value)
    .replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');
}
