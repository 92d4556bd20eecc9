import type { PactEvent, TriggeredWebhookSummary } from '../events/index.js';
import { describeEvents } from '../pacts/index.js';
import type { Notice } from './notice.js';
import type { ContractsToPublish } from './publish-contracts-schema.js';

/** `Created Foo version 1 with branch main and tags a, b`, and the branch prompt when no branch was given. */
export function versionNotices(request: Omit<ContractsToPublish, 'contracts'>, versionExisted: boolean): Notice[] {
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
export type PublicationOutcome = 'published' | 'republished-unchanged' | 'modified' | 'merged';

export interface PactNoticeInput {
  consumerName: string;
  consumerVersionNumber: string;
  providerName: string;
  outcome: PublicationOutcome;
  pactUrl: string;
  events: readonly PactEvent[];
  /** The deliveries the events queued. */
  triggered?: readonly TriggeredWebhookSummary[];
  /** Whether any webhook names this consumer and provider, or leaves them open. */
  webhooksConfigured?: boolean;
  baseUrl?: string;
}

/** The notices for one published pact, in the Ruby broker's order. */
export function pactNotices(input: PactNoticeInput): Notice[] {
  const subject = `${input.consumerName} version ${input.consumerVersionNumber} and provider ${input.providerName}`;
  const publication: Record<PublicationOutcome, string> = {
    published: `Pact successfully published for ${subject}.`,
    'republished-unchanged': `Pact successfully republished for ${subject} with no content changes.`,
    merged: `Pact content merged with existing content for ${subject}.`,
    // RB locale/en.yml pact_modified_for_same_version, a warning (contracts/service.rb), team issue 14.
    modified: `Pact with changed content published over existing content for ${subject}. This is not recommended in normal circumstances and may indicate that you have not configured your Pact pipeline correctly. For more information see https://docs.pact.io/go/versioning`,
  };
  const notices: Notice[] = [
    { type: input.outcome === 'modified' ? 'warning' : 'success', text: publication[input.outcome] },
    { type: 'debug', text: `  View the published pact at ${input.pactUrl}` },
  ];
  if (input.events.length > 0) notices.push({ type: 'debug', text: `  Events detected: ${describeEvents(input.events)}` });
  notices.push(...webhookNotices(input));
  // Whether verifications exist is not looked up yet, so that next step always applies.
  notices.push(
    { type: 'prompt', text: '  Next steps:' },
    { type: 'prompt', text: `    * Add Pact verification tests to the ${input.providerName} build. See https://docs.pact.io/go/provider_verification` },
  );
  if (!input.webhooksConfigured) {
    notices.push({
      type: 'prompt',
      text: `    * Configure separate ${input.providerName} pact verification build and webhook to trigger it when the pact content changes. See https://docs.pact.io/go/webhooks`,
    });
  }
  return notices;
}

/** One notice per queued delivery with its logs URL, or a note that the configured webhooks matched no event (RB `contracts/service.rb`). */
function webhookNotices({ triggered = [], webhooksConfigured = false, baseUrl = '' }: PactNoticeInput): Notice[] {
  if (triggered.length === 0) {
    return webhooksConfigured ? [{ type: 'debug', text: '  No enabled webhooks found for the detected events' }] : [];
  }
  return triggered.map((delivery) => ({
    type: 'debug',
    text:
      `  Webhook ${delivery.description === null ? delivery.webhookUuid : JSON.stringify(delivery.description)} triggered for event ${delivery.eventName}.\n` +
      `    View logs at ${baseUrl}/triggered-webhooks/${delivery.uuid}/logs`,
  }));
}
