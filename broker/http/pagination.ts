import type { HalLink } from '../hal/index.js';
import { validationFailed, type ValidationErrors } from './http-error.js';

/** A requested page: 1-based number and size. */
export interface PageRequest {
  number: number;
  size: number;
}

/** One page of a collection, with the Ruby broker's `page` property. */
export interface Page<T> {
  items: T[];
  request: PageRequest;
  totalElements: number;
}

export const DEFAULT_PAGE: PageRequest = { number: 1, size: 100 };

/**
 * The page the query asks for (`page`/`size`, or the legacy `pageNumber`/`pageSize`), else undefined;
 * 400 with the Ruby broker's `PaginationQueryParamsSchema` messages for values that are not integers ≥ 1.
 */
export function requestedPage(query: (name: string) => string | undefined): PageRequest | undefined {
  const errors: ValidationErrors = {};
  const read = (name: string): number | undefined => {
    const raw = query(name);
    if (raw === undefined || raw === '') return undefined;
    const value = /^[+-]?\d+$/.test(raw.trim()) ? Number(raw) : Number.NaN;
    if (Number.isNaN(value)) errors[name] = ['must be an integer'];
    else if (value < 1) errors[name] = ['must be greater than or equal to 1'];
    return value;
  };
  const current = { number: read('page'), size: read('size') };
  const legacy = { number: read('pageNumber'), size: read('pageSize') };
  if (Object.keys(errors).length > 0) throw validationFailed(errors);
  const chosen = current.number !== undefined || current.size !== undefined ? current : legacy;
  if (chosen.number === undefined && chosen.size === undefined) return undefined;
  return { number: chosen.number ?? DEFAULT_PAGE.number, size: chosen.size ?? DEFAULT_PAGE.size };
}

export function pageOf<T>(all: readonly T[], request: PageRequest): Page<T> {
  const start = (request.number - 1) * request.size;
  return { items: all.slice(start, start + request.size), request, totalElements: all.length };
}

/** The `page` property and `next`/`previous` links the Ruby broker's PaginationLinks add to a paginated collection. */
export function paginationParts(page: Page<unknown>, resourceUrl: string): { page: Record<string, number>; links: Record<string, HalLink> } {
  const { number, size } = page.request;
  // As Sequel's paginate: an empty collection still has one page.
  const totalPages = Math.max(1, Math.ceil(page.totalElements / size));
  const links: Record<string, HalLink> = {};
  if (number < totalPages) links.next = { href: `${resourceUrl}?size=${size}&page=${number + 1}`, title: 'Next page' };
  if (number > 1) links.previous = { href: `${resourceUrl}?size=${size}&page=${number - 1}`, title: 'Previous page' };
  return { page: { number, size, totalElements: page.totalElements, totalPages }, links };
}
