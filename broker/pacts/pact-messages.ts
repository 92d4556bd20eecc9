/** The Ruby broker's refusal to change a published pact's content (`pact_content_modification_not_allowed`). */
export function pactModificationNotAllowed(consumerName: string, consumerVersionNumber: string, providerName: string): string {
  return `Cannot change the content of the pact for ${consumerName} version ${consumerVersionNumber} and provider ${providerName}, as race conditions will cause unreliable results for can-i-deploy. Each pact must be published with a unique consumer version number. Some Pact libraries generate random data when a concrete value for a type matcher is not specified, and this can cause the contract to mutate - ensure you have given example values for all type matchers. For more information see https://docs.pact.io/go/versioning`;
}
