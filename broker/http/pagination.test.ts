import { describe, expect, it } from 'vitest';
import { HttpError } from './http-error.js';
import { pageOf, paginationParts, requestedPage } from './pagination.js';

const query = (values: Record<string, string>) => (name: string) => values[name];

describe('requestedPage', () => {
  it.each([
    [{}, undefined],
    [{ page: '2' }, { number: 2, size: 100 }],
    [{ size: '5' }, { number: 1, size: 5 }],
    [{ pageNumber: '3', pageSize: '7' }, { number: 3, size: 7 }],
    [{ page: '2', pageSize: '7' }, { number: 2, size: 100 }],
  ])('%j → %j', (values, expected) => {
    expect(requestedPage(query(values))).toEqual(expected);
  });

  it.each([
    [{ size: '0' }, { size: ['must be greater than or equal to 1'] }],
    [{ page: 'x' }, { page: ['must be an integer'] }],
  ])('refuses %j', (values, errors) => {
    try {
      requestedPage(query(values));
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(HttpError);
      expect((error as HttpError).payload).toEqual({ kind: 'validation', errors });
    }
  });
});

describe('paginationParts', () => {
  it('links the next and previous pages', () => {
    const page = pageOf(['a', 'b', 'c', 'd', 'e'], { number: 2, size: 2 });
    expect(page.items).toEqual(['c', 'd']);
    expect(paginationParts(page, 'http://b/x')).toEqual({
      page: { number: 2, size: 2, totalElements: 5, totalPages: 3 },
      links: {
        next: { href: 'http://b/x?size=2&page=3', title: 'Next page' },
        previous: { href: 'http://b/x?size=2&page=1', title: 'Previous page' },
      },
    });
  });

  it('counts one page for an empty collection', () => {
    expect(paginationParts(pageOf([], { number: 1, size: 100 }), 'http://b/x')).toEqual({
      page: { number: 1, size: 100, totalElements: 0, totalPages: 1 },
      links: {},
    });
  });
});
