import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import busboy from 'busboy';
import { BadRequestError } from '../../shared/errors.js';

export interface StreamedUpload {
  /** The form's fields that came before the file. */
  fields: Record<string, string>;
  /** The file part, still streaming; `undefined` when the form has none. */
  file?: { filename: string; stream: Readable };
}

/**
 * Reads a multipart form up to its file `fileField` and answers with the file still streaming, so
 * that a multi-gigabyte backup passes through without being held in memory. Fields must come
 * before the file (the dashboard's forms put them first); the caller reads or drains the stream.
 */
export function streamedUpload(request: Request, fileField: string): Promise<StreamedUpload> {
  return new Promise((resolve, reject) => {
    const fields: Record<string, string> = {};
    let settled = false;
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: { 'content-type': request.headers.get('content-type') ?? '' }, limits: { files: 1 } });
    } catch (error) {
      // busboy takes only form encodings; anything else is a request no dashboard page sends.
      const detail = `Send the form as multipart/form-data, with the file in its "${fileField}" field.`;
      return reject(new BadRequestError(detail, { cause: error }));
    }
    parser.on('field', (name, value) => (fields[name] = value));
    parser.on('file', (name, stream, info) => {
      if (name !== fileField || settled) return void stream.resume();
      settled = true;
      resolve({ fields, file: { filename: info.filename ?? '', stream } });
    });
    parser.on('close', () => {
      if (!settled) resolve({ fields });
    });
    parser.on('error', (error) => (settled ? undefined : reject(error)));
    if (!request.body) return parser.end();
    Readable.fromWeb(request.body as NodeReadableStream).pipe(parser);
  });
}
