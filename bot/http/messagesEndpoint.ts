/**
 * POST /api/messages: body checks, authentication, then the turn.
 * @remarks CloudAdapter.process would answer a malformed body or an unreachable key set with 500 and
 * its internal error text; here client errors are 400/401/403/413/415 with a short JSON error, and a turn that
 * fails on our side is 500 without details (they go to the log).
 * Every channel sends its activities as JSON (`application/json`): anything else is refused with 415 before the
 * body is read. That matters most in local mode, without authentication: a web page can make a browser send a
 * cross-origin POST without asking first (a CORS "simple request") only as text/plain, a form or multipart, never
 * as JSON, so no page the developer visits can run a turn. In local mode the activity's `serviceUrl`, where the
 * bot will send its replies, must be on this machine too (403 otherwise), or anyone who can reach the endpoint
 * could make the bot call any address.
 */
import type { IncomingMessage } from 'node:http';
import type { Activity, TurnContext } from 'botbuilder';
import type { AuthenticateRequestResult, BotFrameworkAuthentication } from 'botframework-connector';
import { activityShapeProblem } from './activityShape.js';
import { ServiceUrlNotAllowedError, type HelpdeskAdapter } from '../runtime/helpdeskAdapter.js';
import type { Logger } from '../app/logger.js';
import { problem, type HttpReply } from './httpReply.js';
import { isJsonContentType, readLimitedBody } from './requestBody.js';

export interface MessagesEndpointDeps {
  adapter: HelpdeskAdapter;
  auth: BotFrameworkAuthentication;
  logic: (context: TurnContext) => Promise<void>;
  logger: Logger;
  maxBodyBytes: number;
  /** How long to wait for Microsoft's signing keys before the request is refused. */
  authTimeoutMs?: number;
  /** Local mode: the service URLs the bot may reply to (this machine's); any, when not given. */
  serviceUrlAllowed?: (serviceUrl: string) => boolean;
}

/**
 * Drops NUL characters from every string of the activity: no channel sends one, and PostgreSQL cannot store
 * one in text, so a message (or a forged id) holding one would fail its turn on that store and not the other.
 */
function withoutNul(_key: string, value: unknown): unknown {
  return typeof value === 'string' && value.includes('\u0000') ? value.replaceAll('\u0000', '') : value;
}

export async function handleMessagesRequest(req: IncomingMessage, deps: MessagesEndpointDeps): Promise<HttpReply> {
  if (!isJsonContentType(req.headers['content-type'])) {
    return problem(415, 'unsupported_media_type', 'The request body must be a JSON activity, sent as Content-Type: application/json.');
  }
  const read = await readBody(req, deps.maxBodyBytes);
  if ('status' in read) return read;
  let parsed: unknown;
  try {
    // JSON can only carry a NUL as the escape \u0000; without one in the text, the faster plain parse does.
    parsed = read.text.includes('\\u0000') ? JSON.parse(read.text, withoutNul) : JSON.parse(read.text);
  } catch {
    return problem(400, 'invalid_json', 'The request body is not valid JSON.');
  }
  const invalid = activityProblem(parsed);
  if (invalid) return problem(400, 'invalid_activity', invalid);
  const activity = parsed as Activity;
  if (deps.serviceUrlAllowed && !deps.serviceUrlAllowed(activity.serviceUrl)) {
    deps.logger.warn({ activityType: activity.type }, 'request refused: local mode replies only to a serviceUrl on this machine');
    return problem(403, 'service_url_not_allowed', 'In local mode the bot replies only to a "serviceUrl" on this machine (localhost).');
  }

  let authResult: AuthenticateRequestResult;
  try {
    const header = req.headers.authorization ?? '';
    authResult = await withTimeout(deps.auth.authenticateRequest(activity, header), deps.authTimeoutMs ?? 15_000);
  } catch (error) {
    deps.logger.warn({ reason: (error as Error).message, activityType: activity.type }, 'request refused: not authenticated');
    return problem(401, 'unauthorized', 'Missing or invalid authorization.');
  }

  try {
    const invokeResponse = await deps.adapter.runAuthenticated(authResult, activity, deps.logic);
    return { status: invokeResponse?.status ?? 200, body: invokeResponse?.body };
  } catch (error) {
    if (error instanceof ServiceUrlNotAllowedError) return problem(403, 'service_url_not_allowed', 'In local mode the bot replies only to a "serviceUrl" on this machine (localhost).');
    deps.logger.error({ err: error, activityType: activity.type, conversationId: activity.conversation?.id }, 'turn failed');
    return problem(500, 'internal_error', 'The bot could not process this activity.');
  }
}

/** Reads the body up to the limit; a declared or actual size over it is refused without reading on. */
async function readBody(req: IncomingMessage, maxBytes: number): Promise<{ text: string } | HttpReply> {
  const text = await readLimitedBody(req, maxBytes);
  if (text === 'tooLarge') return problem(413, 'payload_too_large', `The request body is larger than ${maxBytes} bytes.`);
  if (text.length === 0) return problem(400, 'empty_body', 'The request body is empty; expected a JSON activity.');
  return { text };
}

/** What is wrong with the activity, or undefined when the SDK can run a turn with it. */
function activityProblem(value: unknown): string | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return 'The body must be a JSON object (an activity).';
  const activity = value as Record<string, unknown>;
  if (typeof activity.type !== 'string' || !activity.type) return 'The activity has no "type".';
  if (typeof activity.serviceUrl !== 'string' || !/^https?:\/\//i.test(activity.serviceUrl)) return 'The activity has no valid "serviceUrl".';
  const conversation = activity.conversation as Record<string, unknown> | undefined;
  if (!conversation || typeof conversation !== 'object' || typeof conversation.id !== 'string' || !conversation.id) {
    return 'The activity has no "conversation.id".';
  }
  const from = activity.from as Record<string, unknown> | undefined;
  if (!from || typeof from !== 'object' || typeof from.id !== 'string' || !from.id) return 'The activity has no "from.id".';
  if (activity.text !== undefined && activity.text !== null && typeof activity.text !== 'string') return '"text" must be a string.';
  if (activity.locale !== undefined && activity.locale !== null && typeof activity.locale !== 'string') return '"locale" must be a string.';
  return activityShapeProblem(activity);
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
