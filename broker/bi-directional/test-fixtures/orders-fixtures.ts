/** Pacts and OpenAPI documents for the bi-directional tests (issue 15): a consumer that reads an order. */

/** Web's pact with Orders: `GET /orders/1` answers an order with `id`, `total` (a number) and `status`. */
export function ordersPact(path = '/orders/1', description = 'a request for an order'): Record<string, unknown> {
  return {
    consumer: { name: 'Web' },
    provider: { name: 'Orders' },
    interactions: [
      {
        description,
        request: { method: 'GET', path },
        response: { status: 200, headers: { 'Content-Type': 'application/json' }, body: { id: 1, total: 9.99, status: 'open' } },
      },
    ],
    metadata: { pactSpecification: { version: '2.0.0' } },
  };
}

/** An OpenAPI 3 document in YAML with one operation, `GET {path}`, answering an order with these fields and types. */
export function ordersDocument({ path = '/orders/{id}', title = 'Orders', fields = { id: 'integer', total: 'number', status: 'string' } }: { path?: string; title?: string; fields?: Record<string, string> } = {}): string {
  const properties = Object.entries(fields).map(([name, type]) => `                  ${name}:\n                    type: ${type}\n`);
  return `openapi: 3.0.3
info:
  title: ${title}
  version: 1.0.0
paths:
  ${path}:
    get:
      parameters:
        - name: id
          in: path
          required: true
          schema:
            type: integer
      responses:
        "200":
          description: an order
          content:
            application/json:
              schema:
                type: object
                properties:
${properties.join('')}`;
}
