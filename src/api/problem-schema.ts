/** The problem document (RFC 9457) as a schema, so every error response is documented in the OpenAPI. */
import { z } from 'zod';

/** An error response. */
export const ProblemSchema = z
  .object({
    type: z.string().describe('URN naming the kind of problem, stable per code'),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().describe('what was wrong, written for a person'),
    instance: z.string().describe('the request path'),
    code: z.string().describe('wirewatch error code, AREA_WHAT'),
    errors: z
      .array(
        z.object({
          in: z.enum(['query', 'body', 'path', 'header']),
          pointer: z.string().describe('JSON pointer to the field, e.g. /per_page or /0/title'),
          message: z.string(),
        }),
      )
      .optional(),
    location: z
      .object({
        line: z.number().int().optional(),
        column: z.number().int().optional().describe('1-based column in the query where parsing stopped'),
        length: z.number().int().optional(),
      })
      .optional(),
  })
  .describe('application/problem+json (RFC 9457)');
