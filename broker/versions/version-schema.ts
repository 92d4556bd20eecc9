import { checkMaybeString, isObject } from '../http/index.js';
import type { ValidationErrors } from '../http/index.js';

/** What a version PUT or PATCH body may set; undefined: not given. */
export interface VersionUpdate {
  buildUrl?: string | null;
  /** Replaces the version's tags when given. */
  tagNames?: string[];
}

export type VersionValidation = { valid: true; update: VersionUpdate } | { valid: false; errors: ValidationErrors };

/**
 * Reads `{buildUrl?, tags?: [{name}]}` (tags also under `_embedded`, as the Ruby decorator parses them).
 * The Ruby broker has no schema here and fails on odd types; we answer 400 with dry-schema's texts instead.
 */
export function validateVersionBody(body: Record<string, unknown>): VersionValidation {
  const errors: ValidationErrors = {};
  const update: VersionUpdate = {};
  if ('buildUrl' in body) {
    const error = checkMaybeString(body.buildUrl);
    if (error) errors.buildUrl = [error];
    else update.buildUrl = (body.buildUrl as string | null) ?? null;
  }
  const tags = body.tags ?? (isObject(body._embedded) ? body._embedded.tags : undefined);
  if (tags !== undefined && tags !== null) {
    const names = Array.isArray(tags) ? tags.map((tag) => (isObject(tag) ? tag.name : undefined)) : [];
    if (!Array.isArray(tags)) errors.tags = ['must be an array'];
    names.forEach((name, index) => {
      if (typeof name !== 'string' || name.trim() === '') (errors.tags ??= []).push(`name must be filled (at index ${index})`);
    });
    if (!errors.tags) update.tagNames = names as string[];
  }
  return Object.keys(errors).length > 0 ? { valid: false, errors } : { valid: true, update };
}
