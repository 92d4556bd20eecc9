import type { PactEvent } from '../pacts/pact-events.js';
import { describeEvents } from '../pacts/pact-events.js';
import type { Notice } from './notice.js';
import type { ContractsToPublish } from './publish-contracts-schema.js';

/** `Created Foo version 1 with branch main and tags a, b`, and the branch prompt when no branch was given. */
export function versionNotices(request: ContractsToPublish, versionExisted: boolean): Notice[] {
  const action = versionExisted ? 'Updated' : 'Created';
  let text = `${action} ${request.pacticipantName} version ${request.pacticipantVersionNumber}`;
  const tags = request.tags.join(', ');
  if (request.branch !== undefined && tags) text += ` with branch ${request.branch} and tags ${tags}`;
  else if (request.branch !== undefined) text += ` with branch ${request.branch}`;
  else if (tags) text += ` with tags ${tags}`;
  const notices: Notice[] = [{ type: 'debug', text }];
  if (request.branch === undefined) {
    notices.push({ type: 'prompt', text: '  Next steps:\n    Configure the version branch to be the value of your repository branch.' });
  }
  return notices;
}

/** What happened to one contract's publication. */
export type PublicationOutcome = 'published' | 'republished-unchanged' | 'merged';

export interface PactNoticeInput {
  consumerName: string;
  consumerVersionNumber: string;
  providerName: string;
  outcome: PublicationOutcome;
  pactUrl: string;
  events: readonly PactEvent[];
}

/** The notices for one published pact, in the Ruby broker's order. */
export function pactNotices(input: PactNoticeInput): Notice[] {
  const subject = `${input.consumerName} version ${input.consumerVersionNumber} and provider ${input.providerName}`;
  const publication: Record<PublicationOutcome, string> = {
    published: `Pact successfully published for ${subject}.`,
    'republished-unchanged': `Pact successfully republished for ${subject} with no content changes.`,
    merged: `Pact content merged with existing content for ${subject}.`,
  };
  const notices: Notice[] = [
    { type: 'success', text: publication[input.outcome] },
    { type: 'debug', text: `  View the published pact at ${input.pactUrl}` },
  ];
  if (input.events.length > 0) notices.push({ type: 'debug', text: `  Events detected: ${describeEvents(input.events)}` });
  // No verifications or webhooks exist yet in this broker, so both next steps always apply.
  notices.push(
    { type: 'prompt', text: '  Next steps:' },
    { type: 'prompt', text: `    * Add Pact verification tests to the ${input.providerName} build. See https://docs.pact.io/go/provider_verification` },
    {
      type: 'prompt',
      text: `    * Configure separate ${input.providerName} pact verification build and webhook to trigger it when the pact content changes. See https://docs.pact.io/go/webhooks`,
    },
  );
  return notices;
}
