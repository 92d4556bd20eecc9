import type { HeaderList, InteractionView, RequestView, ResponseView } from './pact-view.js';

export interface InteractionListProps {
  interactions: InteractionView[];
  consumerName: string;
  providerName: string;
}

/** The anchor of an interaction on its page, for the table of contents. */
export const interactionAnchor = (index: number) => `interaction-${index + 1}`;

/** The pact's interactions and messages, each with its provider states and what is exchanged. */
export function InteractionList({ interactions, consumerName, providerName }: InteractionListProps) {
  return (
    <ol class="interactions">
      {interactions.map((interaction, index) => (
        <li class="interaction" id={interactionAnchor(index)} data-kind={interaction.kind}>
          <h3 class="description">{interaction.description}</h3>
          <ProviderStates states={interaction.providerStates} />
          {interaction.kind === 'http' ? (
            <div class="exchange">
              <RequestSection request={interaction.request} consumerName={consumerName} />
              <ResponseSection response={interaction.response} providerName={providerName} />
            </div>
          ) : (
            <section class="message">
              <h4>Message from {providerName}</h4>
              <pre>{interaction.message}</pre>
            </section>
          )}
        </li>
      ))}
    </ol>
  );
}

/** "Given a and b", each state in bold, as the Ruby broker's pact page words them. */
export function ProviderStates({ states }: { states: string[] }) {
  if (states.length === 0) return null;
  return (
    <p class="provider-states">
      Given{' '}
      {states.map((state, index) => (
        <>
          {index > 0 ? ' and ' : ''}
          <strong>{state}</strong>
        </>
      ))}
    </p>
  );
}

function RequestSection({ request, consumerName }: { request: RequestView; consumerName: string }) {
  return (
    <section class="request">
      <h4>Request from {consumerName}</h4>
      <p>
        <code class="request-line">
          {request.method} {request.path}
          {request.query === undefined ? '' : `?${request.query}`}
        </code>
      </p>
      <Headers headers={request.headers} />
      <Body body={request.body} />
    </section>
  );
}

function ResponseSection({ response, providerName }: { response: ResponseView; providerName: string }) {
  return (
    <section class="response">
      <h4>Response from {providerName}</h4>
      <p>
        Status <code class="response-status">{response.status}</code>
      </p>
      <Headers headers={response.headers} />
      <Body body={response.body} />
    </section>
  );
}

function Headers({ headers }: { headers: HeaderList }) {
  if (headers.length === 0) return null;
  return (
    <table class="headers">
      <tbody>
        {headers.map(([name, value]) => (
          <tr>
            <th>{name}</th>
            <td>
              <code>{value}</code>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Body({ body }: { body: string | undefined }) {
  return body === undefined ? null : <pre class="body">{body}</pre>;
}
