import { randomBytes } from 'node:crypto';
import { HAL_JSON, PLAIN_JSON, PROBLEM_JSON } from './broker-env.js';
import type { HttpError, ValidationErrors } from './http-error.js';

/** Renders a client error: the plain shapes by default, problem+json only when the Accept header asks for it. */
export function renderHttpError(error: HttpError, request: Request, baseUrl: string): Response {
  const response = renderPayload(error, request, baseUrl);
  for (const [name, value] of Object.entries(error.headers)) response.headers.set(name, value);
  return response;
}

function renderPayload(error: HttpError, request: Request, baseUrl: string): Response {
  const payload = error.payload;
  if (payload.kind === 'body') {
    const body = typeof payload.body === 'string' ? payload.body : JSON.stringify(payload.body);
    return new Response(body, { status: error.status, headers: { 'content-type': payload.contentType } });
  }
  if (payload.kind === 'problem' || wantsProblemJson(request)) return json(error.status, problemBody(error, baseUrl), PROBLEM_JSON);
  if (payload.kind === 'validation') return json(error.status, { errors: payload.errors }, HAL_JSON);
  return json(error.status, { error: payload.detail }, payload.kind === 'webmachine' ? PLAIN_JSON : HAL_JSON);
}

/** The 500 answer: the reference ties it to the one log line that holds the error itself. */
export function renderUnexpectedError(reference: string, request: Request, baseUrl: string): Response {
  const message = `An error has occurred. The details have been logged with the reference ${reference}`;
  if (wantsProblemJson(request)) {
    const body = { title: 'Server error', type: `${baseUrl}/problems/server-error`, detail: message, status: 500 };
    return json(500, body, PROBLEM_JSON);
  }
  return json(500, { error: { message, reference } }, HAL_JSON);
}

/** Ten letters, as the Ruby broker's error references look. */
export function generateErrorReference(): string {
  return randomBytes(32).toString('base64').replace(/[^a-z]/gi, '').slice(0, 10);
}

function problemBody(error: HttpError, baseUrl: string): unknown {
  const payload = error.payload;
  if (payload.kind === 'validation') {
    return {
      title: 'Validation errors',
      type: `${baseUrl}/problems/validation-error`,
      status: error.status,
      instance: '/',
      errors: validationProblems(payload.errors, baseUrl),
    };
  }
  if (payload.kind === 'body') return payload.body;
  return { title: payload.title, type: `${baseUrl}/problem/${payload.type}`, detail: payload.detail, status: error.status };
}

function validationProblems(errors: ValidationErrors, baseUrl: string): unknown[] {
  return Object.entries(errors).flatMap(([field, messages]) =>
    messages.map((detail) => ({
      type: `${baseUrl}/problems/${detail.includes('missing') ? 'missing-body-property' : 'invalid-body-property-value'}`,
      title: 'Invalid body parameter',
      detail,
      pointer: `/${field.split('.').join('/')}`,
    })),
  );
}

function wantsProblemJson(request: Request): boolean {
  return request.headers.get('accept')?.includes('application/problem+json') ?? false;
}

function json(status: number, body: unknown, contentType: string): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': contentType } });
}
