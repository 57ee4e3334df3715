/**
 * The one place a failed request becomes a response. API and feed routes answer with an RFC 9457
 * problem document naming the bad field; pages answer with an HTML error page. Our own errors keep
 * their message; anything unexpected is logged and shown only as "internal error", so internals
 * (SQL, stack traces, file paths) never reach a client.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError } from '../core/errors.ts';
import {
  type ProblemDocument,
  type ProblemField,
  problemContentType,
  problemType,
  RequestFieldsError,
  statusTitle,
} from '../api/problem-details.ts';

/** Renders a whole HTML error page (supplied by the web desk). */
export type RenderErrorPage = (status: number, title: string, message: string) => string;

/** True for requests a program makes: the API, the feeds and the exports. */
export function wantsProblemJson(request: FastifyRequest): boolean {
  const path = request.url.split('?', 1)[0] ?? '';
  return path.startsWith('/api/') || /\.(atom|csv|jsonl|xml|json)$/.test(path);
}

const validationParts: Record<string, ProblemField['in']> = {
  querystring: 'query',
  body: 'body',
  params: 'path',
  headers: 'header',
};

/** What the failed request gets: status, code, message and the fields at fault. */
export function describeFailure(error: unknown): Omit<ProblemDocument, 'type' | 'title' | 'instance'> {
  if (error instanceof AppError) {
    return {
      status: error.status,
      code: error.code,
      detail: error.message,
      ...(error.location ? { location: error.location } : {}),
      ...(error instanceof RequestFieldsError ? { errors: error.fields } : {}),
    };
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const part = validationParts[(error as FastifyError).validationContext ?? ''] ?? 'query';
    const errors = error.validation.flatMap((issue) =>
      explainIssue(issue.instancePath, issue.message ?? 'is invalid', issue.params).map((field) => ({
        in: part,
        ...field,
      })),
    );
    const first = errors[0]!;
    return {
      status: 400,
      code: 'REQUEST_INVALID',
      detail: `${first.in}${first.pointer ? ` field ${first.pointer}` : ''}: ${first.message}`,
      errors,
    };
  }
  const fastifyError = error as Partial<FastifyError>;
  const status = fastifyError.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const code =
      status === 413
        ? 'REQUEST_TOO_LARGE'
        : status === 429
          ? 'RATE_LIMITED'
          : status === 404
            ? 'NOT_FOUND'
            : 'REQUEST_INVALID';
    return { status, code, detail: fastifyError.message ?? statusTitle(status) };
  }
  return { status: 500, code: 'INTERNAL', detail: 'internal error; the server log has the details' };
}

interface ZodIssueLike {
  path: PropertyKey[];
  message: string;
  errors?: ZodIssueLike[][];
}

/**
 * The fields behind one validation issue. A body that may be one article or an array of them fails
 * as a whole ("invalid input") in zod; the useful answer is the branch that came closest — the one with
 * the fewest issues — with each of its issues at its own pointer (`/0/title`).
 */
function explainIssue(
  instancePath: string,
  message: string,
  params: Record<string, unknown> | undefined,
): Array<{ pointer: string; message: string }> {
  const base = instancePath === '/' ? '' : instancePath;
  const branches = params?.errors as ZodIssueLike[][] | undefined;
  if (!Array.isArray(branches) || branches.length === 0) return [{ pointer: base, message }];
  const closest = branches.reduce((best, branch) => (branch.length < best.length ? branch : best));
  return closest.flatMap((issue) =>
    explainIssue(`${base}/${issue.path.map(String).join('/')}`.replace(/\/$/, ''), issue.message, {
      errors: issue.errors,
    }),
  );
}

/** Installs the error and not-found handlers on `app`. */
export function installErrorHandlers(app: FastifyInstance, renderErrorPage: RenderErrorPage): void {
  app.setErrorHandler((error, request, reply) => {
    const failure = describeFailure(error);
    if (failure.status >= 500) request.log.error({ err: error }, 'request failed');
    return sendFailure(request, reply, failure, renderErrorPage);
  });
  app.setNotFoundHandler((request, reply) =>
    sendFailure(
      request,
      reply,
      {
        status: 404,
        code: 'NOT_FOUND',
        detail: `nothing at ${request.method} ${request.url.split('?', 1)[0]}`,
      },
      renderErrorPage,
    ),
  );
}

function sendFailure(
  request: FastifyRequest,
  reply: FastifyReply,
  failure: Omit<ProblemDocument, 'type' | 'title' | 'instance'>,
  renderErrorPage: RenderErrorPage,
): FastifyReply {
  reply.code(failure.status);
  if (wantsProblemJson(request)) {
    const problem: ProblemDocument = {
      type: problemType(failure.code),
      title: statusTitle(failure.status),
      instance: request.url.split('?', 1)[0] ?? '/',
      ...failure,
    };
    return reply.type(problemContentType).send(JSON.stringify(problem));
  }
  return reply
    .type('text/html; charset=utf-8')
    .send(renderErrorPage(failure.status, statusTitle(failure.status), failure.detail));
}
