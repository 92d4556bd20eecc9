import { pactVersionUrl } from '../hal/index.js';
import { encodeMetadata } from '../pacts/index.js';
import { verificationUrl } from '../verifications/index.js';
import type { TemplateParameters } from './template.js';

/** The pact a webhook runs for, with what its parameters need. */
export interface PactForWebhook {
  consumerName: string;
  providerName: string;
  consumerVersionNumber: string;
  consumerVersionTags: string[];
  consumerVersionBranch: string | undefined;
  sha: string;
}

export interface VerificationForWebhook {
  number: number;
  success: boolean;
  providerVersionNumber: string;
}

/** RB `PlaceholderPact`: what a test execution renders when no pact matches. */
export const PLACEHOLDER_PACT: PactForWebhook = {
  consumerName: 'placeholder-consumer',
  providerName: 'placeholder-provider',
  consumerVersionNumber: 'gggghhhhjjjjkkkkllll66667777888899990000',
  consumerVersionTags: ['dev'],
  consumerVersionBranch: 'main',
  sha: '5d445a4612743728dfd99ccd4210423c052bb9db',
};

const STATUS_WORDS = {
  github: ['success', 'failure', 'pending'],
  bitbucket: ['SUCCESSFUL', 'FAILED', 'INPROGRESS'],
  azureDevOps: ['succeeded', 'failed', 'pending'],
  gitlab: ['success', 'failed', 'pending'],
} as const;

/** The `${pactbroker.*}` values for a pact and verification (RB `pact_and_verification_parameters.rb`). */
export function templateParameters(baseUrl: string, pact: PactForWebhook, verification: VerificationForWebhook | undefined, eventName: string): TemplateParameters {
  const status = (words: readonly [string, string, string]) => (verification ? (verification.success ? words[0] : words[1]) : words[2]);
  const metadata = encodeMetadata({ consumerVersionTags: pact.consumerVersionTags, consumerVersionNumber: pact.consumerVersionNumber, wip: true });
  return {
    'pactbroker.pactUrl': `${pactVersionUrl(baseUrl, pact)}/metadata/${metadata}`,
    'pactbroker.verificationResultUrl': verification ? verificationUrl(baseUrl, { ...pact, number: verification.number }) : '',
    'pactbroker.consumerVersionNumber': pact.consumerVersionNumber,
    'pactbroker.providerVersionNumber': verification?.providerVersionNumber ?? '',
    'pactbroker.providerVersionTags': '',
    'pactbroker.providerVersionBranch': '',
    'pactbroker.providerVersionDescriptions': '',
    'pactbroker.consumerVersionTags': pact.consumerVersionTags.join(', '),
    'pactbroker.consumerVersionBranch': pact.consumerVersionBranch ?? '',
    'pactbroker.consumerName': pact.consumerName,
    'pactbroker.providerName': pact.providerName,
    'pactbroker.githubVerificationStatus': status(STATUS_WORDS.github),
    'pactbroker.bitbucketVerificationStatus': status(STATUS_WORDS.bitbucket),
    'pactbroker.azureDevOpsVerificationStatus': status(STATUS_WORDS.azureDevOps),
    'pactbroker.gitlabVerificationStatus': status(STATUS_WORDS.gitlab),
    'pactbroker.consumerLabels': '',
    'pactbroker.providerLabels': '',
    'pactbroker.eventName': eventName,
    'pactbroker.buildUrl': '',
    'pactbroker.currentlyDeployedProviderVersionNumber': '',
  };
}
