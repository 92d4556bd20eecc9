/** A HAL link object as the official clients read it (docs/broker-api.md#hal-links). */
export interface HalLink {
  href: string;
  title?: string;
  name?: string;
  templated?: boolean;
}

/** The `curies` relation every decorated resource carries, with its documentation context. */
export function curies(baseUrl: string, context: string): HalLink[] {
  return [{ name: 'pb', href: `${baseUrl}/doc/{rel}?context=${context}`, templated: true }];
}
