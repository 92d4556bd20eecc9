// The package's own index.d.ts re-exports `./compare` without an extension, which NodeNext cannot
// resolve; this declares the one class the broker uses (its 1.7.0 API, issue 15).
declare module '@pactflow/openapi-pact-comparator' {
  export interface ComparatorResult {
    code: string;
    message: string;
    mockDetails?: { interactionDescription?: string | null; interactionState?: string | null; location: string; value: unknown };
    specDetails?: { location: string; pathMethod?: string | null; pathName?: string | null; value: unknown };
    type: 'error' | 'warning';
  }
  export class Comparator {
    constructor(openApi: object);
    compare(pact: object): AsyncGenerator<ComparatorResult>;
  }
}
