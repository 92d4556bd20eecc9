import type { ValidationErrors } from '../http/index.js';
import type { MatrixOptions, MatrixQuery, UnresolvedSelector } from './matrix-query.js';

/** Which of the names a query mentions exist; looked up before validating. */
export interface KnownNames {
  pacticipants: ReadonlySet<string>;
  environments: ReadonlySet<string>;
}

/** The Ruby broker's matrix validation (`matrix/service.rb#validate_selectors`): its messages, in its order. */
export function validateMatrixQuery({ selectors, options }: MatrixQuery, known: KnownNames): string[] {
  const errors: string[] = [];
  for (const selector of selectors) {
    if (selector.pacticipantName === undefined) errors.push('Please specify the pacticipant name');
    else if (bothVersionAndLatest(selector)) errors.push(`A version number and latest flag cannot both be specified for ${selector.pacticipantName}`);
  }
  for (const selector of selectors) {
    if (selector.pacticipantName !== undefined && !known.pacticipants.has(selector.pacticipantName)) errors.push(`Pacticipant ${selector.pacticipantName} not found`);
  }
  if (selectors.length === 0) errors.push('Please provide 1 or more version selectors.');
  return [...errors, ...validateMatrixOptions(options, known)];
}

/** The options' part of it (`matrix/service.rb#validate_options`), which the integration's matrix checks alone. */
export function validateMatrixOptions(options: MatrixOptions, known: KnownNames): string[] {
  const errors: string[] = [];
  for (const selector of options.ignoreSelectors) {
    if (selector.pacticipantName === undefined) errors.push('Please specify the pacticipant name to ignore');
    else if (bothVersionAndLatest(selector)) errors.push(`A version number and latest flag cannot both be specified for ${selector.pacticipantName} to ignore`);
  }
  const destinations = [options.tag, options.environmentName, options.mainBranch].filter((value) => value !== undefined);
  if (destinations.length > 1) errors.push('Cannot specify more than one of tag, environment and mainBranch.');
  if (options.latest && options.environmentName) errors.push('Cannot specify both latest=true and an environment.');
  if (options.environmentName && !known.environments.has(options.environmentName)) {
    errors.push(`Environment with name '${options.environmentName}' does not exist`);
  }
  if (!(rubyToI(options.limit) >= 1)) errors.push('The limit must be 1 or greater.');
  return errors;
}

/** The Ruby broker's CanIDeployQuerySchema: field → messages, the cross-field rule under the empty key. */
export function validateCanIDeployQuery(params: URLSearchParams, known: KnownNames): ValidationErrors {
  const errors: ValidationErrors = {};
  const add = (field: string, message: string) => (errors[field] ??= []).push(message);
  for (const field of ['pacticipant', 'version']) {
    const value = params.get(field);
    if (value === null) add(field, 'is missing');
    else if (value === '') add(field, 'must be filled');
  }
  const pacticipant = params.get('pacticipant');
  if (pacticipant && !known.pacticipants.has(pacticipant)) add('pacticipant', 'does not match an existing pacticipant');
  for (const field of ['to', 'environment']) if (params.get(field) === '') add(field, 'must be filled');
  const environment = params.get('environment');
  if (environment && !known.environments.has(environment)) add('environment', `with name '${environment}' does not exist`);
  const to = params.get('to');
  if (to && environment) add('', "Cannot specify both a 'to' tag and an environment.");
  if (!to && !environment) add('', "Must specify either an environment or a 'to' tag.");
  return errors;
}

function bothVersionAndLatest(selector: UnresolvedSelector): boolean {
  return selector.versionNumber !== undefined && selector.latest !== undefined;
}

/** Ruby's String#to_i: the leading integer, else 0. */
function rubyToI(text: string): number {
  const match = /^\s*([+-]?\d+)/.exec(text);
  return match ? Number(match[1]) : 0;
}
