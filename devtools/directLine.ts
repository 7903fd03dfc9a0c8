/**
 * A local Direct Line 3.0 endpoint (REST polling) on the bot's own server, for Web Chat in local mode.
 * @remarks It plays both sides of the Azure Bot Service: towards the client it is Direct Line (start a
 * conversation, post an activity, poll with a watermark, refresh the token), towards the bot it is the
 * channel, relaying each user activity to the bot's own `/api/messages` and answering the connector calls
 * the bot makes back (replies, card updates, the member look-up) under `CONNECTOR_PATH`. Every Direct
 * Line call carries the conversation's token; the connector side is reached only by the bot, which knows
 * a conversation's unguessable id because it was told it. Unauthenticated by design: registered only when
 * the bot itself runs without authentication.
 */
import type { IncomingMessage } from 'node:http';
import type { Request, Response, Server } from 'restify';
import {
  DirectLineConversations,
  type AccessProblem,
  type DirectLineConversation,
  type DirectLineLimits,
  type NewActivity,
} from './directLineConversations.js';
import type { Logger } from '../bot/app/logger.js';
import { isJsonContentType, readLimitedBody } from '../bot/http/requestBody.js';
import { channelError, type ChannelReply } from './channelError.js';

export const DIRECT_LINE_PATH = '/v3/directline';
/** Where the bot's replies go: the `serviceUrl` of every activity relayed to it. */
export const CONNECTOR_PATH = '/directline/connector';
export const CHANNEL_ID = 'webchat';
/** The bot as this channel names it (the `recipient` of what users send, the `from` of its replies). */
export const BOT_ACCOUNT = Object.freeze({ id: 'helpdesk-bot', name: 'Admin helpdesk', role: 'bot' });

/** Body limits: a user's activity is text or a card's button data; the bot's can carry a card. */
const MAX_USER_ACTIVITY_BYTES = 32 * 1024;
const MAX_START_BYTES = 4 * 1024;
const MAX_BOT_ACTIVITY_BYTES = 256 * 1024;
const RELAY_TIMEOUT_MS = 30_000;
const USER_TYPES = new Set(['message', 'event']);
const LOCALE = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,4}$/;

export interface DirectLineDeps {
  /** The bot's own base URL (http://127.0.0.1:PORT), known once it listens. */
  baseUrl(): string;
  logger: Logger;
  limits?: Partial<DirectLineLimits>;
}

type Reply = ChannelReply;

const accessProblem = ({ status, code, message }: AccessProblem): Reply => channelError(status, code, message);

export function registerDirectLine(server: Server, deps: DirectLineDeps): DirectLineConversations {
  const conversations = new DirectLineConversations(deps.limits);
  const { logger } = deps;
  const serviceUrl = () => `${deps.baseUrl()}${CONNECTOR_PATH}`;
  const conversationOf = (conversation: DirectLineConversation) => ({
    conversationId: conversation.id,
    token: conversation.token,
    expires_in: conversation.expiresIn,
  });

  /** Sends one activity to the bot as this channel, and says whether the bot took it. */
  const relay = async (conversation: DirectLineConversation, activity: NewActivity): Promise<boolean> => {
    try {
      const response = await fetch(`${deps.baseUrl()}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...activity, serviceUrl: serviceUrl() }),
        signal: AbortSignal.timeout(RELAY_TIMEOUT_MS),
      });
      await response.arrayBuffer();
      if (response.ok) return true;
      logger.warn({ conversationId: conversation.id, status: response.status, activityType: activity.type }, 'Direct Line: the bot refused an activity');
    } catch (error) {
      logger.warn({ err: error, conversationId: conversation.id, activityType: activity.type }, 'Direct Line: could not reach the bot');
    }
    return false;
  };

  /** The channel's part of an activity to the bot: who, where, and through which channel. */
  const addressed = (conversation: DirectLineConversation, activity: Record<string, unknown>): NewActivity => ({
    type: 'message',
    ...activity,
    channelId: CHANNEL_ID,
    conversation: { id: conversation.id },
    recipient: BOT_ACCOUNT,
  });

  const start = async (req: Request): Promise<Reply> => {
    if (req.headers.authorization !== undefined) {
      // Starting with a token that is already a conversation's: that conversation (Web Chat's first call).
      const found = conversations.byToken(req.headers.authorization);
      return 'status' in found ? accessProblem(found) : { status: 200, body: conversationOf(found) };
    }
    // Without a token, only Web Chat's own request starts one, as JSON: a web page elsewhere can make the browser
    // POST here across origins without asking first only with no body, text/plain or a form, never as JSON.
    if (!isJsonContentType(req.headers['content-type'])) {
      return channelError(415, 'UnsupportedMediaType', 'Start a conversation with a JSON body, e.g. {"locale":"en-US"} (Content-Type: application/json).');
    }
    const read = await readJson(req, MAX_START_BYTES, { allowEmpty: true });
    if ('status' in read) return read;
    if (read.value !== undefined && !isObject(read.value)) return channelError(400, 'BadArgument', 'The body must be a JSON object, e.g. {"locale":"en-US"}.');
    const locale = read.value?.locale;
    if (locale !== undefined && (typeof locale !== 'string' || !LOCALE.test(locale))) {
      return channelError(400, 'BadArgument', '"locale" must be a language tag such as en-US or nl-NL.');
    }
    const conversation = conversations.start(locale);
    logger.debug({ conversationId: conversation.id, locale }, 'Direct Line: conversation started');
    // Like Direct Line, the bot hears that the user joined (and greets them) before anything they say.
    void conversation.enqueue(() =>
      relay(
        conversation,
        addressed(conversation, {
          type: 'conversationUpdate',
          id: `${conversation.id}|join`,
          timestamp: new Date().toISOString(),
          from: { id: conversation.userId, role: 'user' },
          membersAdded: [BOT_ACCOUNT, { id: conversation.userId, role: 'user' }],
          ...(locale ? { locale } : {}),
        }),
      ),
    );
    return { status: 201, body: conversationOf(conversation) };
  };

  const post = async (req: Request): Promise<Reply> => {
    const conversation = conversations.authorize(param(req, 'conversationId'), req.headers.authorization);
    if ('status' in conversation) return accessProblem(conversation);
    const read = await readJson(req, MAX_USER_ACTIVITY_BYTES, { allowEmpty: false });
    if ('status' in read) return read;
    const activity = userActivity(read.value, conversation);
    if (typeof activity === 'string') return channelError(400, 'BadArgument', activity);
    const relayed = conversation.enqueue(async () => {
      // Stored when its turn comes, so the transcript reads message, answer, message, answer.
      const stored = conversation.append(addressed(conversation, activity));
      return { id: stored.id, delivered: await relay(conversation, stored) };
    });
    if (!relayed) return channelError(429, 'TooManyRequests', 'Too many activities are waiting for the bot in this conversation; try again shortly.');
    const { id, delivered } = await relayed;
    return delivered ? { status: 200, body: { id } } : channelError(502, 'BotError', 'The bot did not accept the activity.');
  };

  const poll = async (req: Request): Promise<Reply> => {
    const conversation = conversations.authorize(param(req, 'conversationId'), req.headers.authorization);
    if ('status' in conversation) return accessProblem(conversation);
    const raw = new URL(req.url ?? '/', 'http://localhost').searchParams.get('watermark') ?? '';
    if (raw !== '' && !/^\d{1,15}$/.test(raw)) return channelError(400, 'BadArgument', '"watermark" must be a whole number.');
    return { status: 200, body: { activities: conversation.since(Number(raw)), watermark: String(conversation.watermark) } };
  };

  const reconnect = async (req: Request): Promise<Reply> => {
    const conversation = conversations.authorize(param(req, 'conversationId'), req.headers.authorization);
    return 'status' in conversation ? accessProblem(conversation) : { status: 200, body: conversationOf(conversation) };
  };

  const refresh = async (req: Request): Promise<Reply> => {
    const conversation = conversations.byToken(req.headers.authorization);
    if ('status' in conversation) return accessProblem(conversation);
    conversation.refreshToken();
    return { status: 200, body: conversationOf(conversation) };
  };

  /** The bot sends a reply or a new message: stored as the bot's, in order. */
  const botSends = async (req: Request): Promise<Reply> => {
    const conversation = conversations.get(param(req, 'conversationId'));
    if (!conversation) return channelError(404, 'ConversationNotFound', 'No such conversation (it may have been dropped).');
    const read = await readBotActivity(req);
    if ('status' in read) return read;
    const replyToId = optionalParam(req, 'replyToId') ?? read.activity.replyToId;
    // Debugging traces are for the Emulator, not for people.
    if (read.activity.type === 'trace') return { status: 200, body: { id: `${conversation.id}|trace` } };
    const stored = conversation.append(fromBot(conversation, { ...read.activity, ...(typeof replyToId === 'string' ? { replyToId } : {}) }));
    return { status: 200, body: { id: stored.id } };
  };

  /** The bot updates one of its messages (a card after a button press); pollers see the new version. */
  const botUpdates = async (req: Request): Promise<Reply> => {
    const conversation = conversations.get(param(req, 'conversationId'));
    if (!conversation) return channelError(404, 'ConversationNotFound', 'No such conversation (it may have been dropped).');
    const read = await readBotActivity(req);
    if ('status' in read) return read;
    const id = param(req, 'activityId');
    const stored = conversation.replace(id, fromBot(conversation, read.activity));
    return stored ? { status: 200, body: { id } } : channelError(404, 'ActivityNotFound', `No activity "${id}" in this conversation.`);
  };

  const handle = (work: (req: Request) => Promise<Reply>) => async (req: Request, res: Response) => {
    let reply: Reply;
    try {
      reply = await work(req);
    } catch (error) {
      logger.error({ err: error, method: req.method, path: req.getPath() }, 'Direct Line: request failed');
      reply = channelError(500, 'InternalError', 'The local Direct Line could not handle the request.');
    }
    res.header('cache-control', 'no-store');
    res.send(reply.status, reply.body);
  };

  server.post(`${DIRECT_LINE_PATH}/conversations`, handle(start));
  server.get(`${DIRECT_LINE_PATH}/conversations/:conversationId`, handle(reconnect));
  server.post(`${DIRECT_LINE_PATH}/conversations/:conversationId/activities`, handle(post));
  server.get(`${DIRECT_LINE_PATH}/conversations/:conversationId/activities`, handle(poll));
  server.post(`${DIRECT_LINE_PATH}/tokens/refresh`, handle(refresh));

  const connector = `${CONNECTOR_PATH}/v3/conversations/:conversationId`;
  server.post(`${connector}/activities`, handle(botSends));
  server.post(`${connector}/activities/:replyToId`, handle(botSends));
  server.put(`${connector}/activities/:activityId`, handle(botUpdates));
  // Teams' member look-up: this channel knows nothing about its users, as the Emulator.
  server.get(`${connector}/members/:userId`, handle(async () => channelError(404, 'MemberNotFound', 'This channel has no member details.')));

  return conversations;
}

/** The user's activity as it is stored and relayed: only the fields a client may set, checked; or what is wrong. */
function userActivity(value: unknown, conversation: DirectLineConversation): Record<string, unknown> | string {
  if (!isObject(value)) return 'The body must be a JSON object (an activity).';
  const { type, text, textFormat, value: data, name, locale, attachments, channelData, entities, replyToId, localTimestamp, localTimezone, from } = value;
  if (typeof type !== 'string' || !USER_TYPES.has(type)) return '"type" must be "message" or "event".';
  for (const [field, given] of Object.entries({ text, textFormat, name, replyToId, localTimestamp, localTimezone })) {
    if (given !== undefined && given !== null && typeof given !== 'string') return `"${field}" must be a string.`;
  }
  if (locale !== undefined && locale !== null && (typeof locale !== 'string' || !LOCALE.test(locale))) return '"locale" must be a language tag such as en-US or nl-NL.';
  if (attachments !== undefined && (!Array.isArray(attachments) || !attachments.every((a) => isObject(a) && typeof a.contentType === 'string'))) {
    return '"attachments" must be a list of objects with a "contentType".';
  }
  if (channelData !== undefined && !isObject(channelData)) return '"channelData" must be an object.';
  if (entities !== undefined && (!Array.isArray(entities) || !entities.every(isObject))) return '"entities" must be a list of objects.';
  if (from !== undefined && !isObject(from)) return '"from" must be an object.';
  const fromName = isObject(from) && typeof from.name === 'string' ? from.name.slice(0, 100) : undefined;
  const chosenLocale = typeof locale === 'string' ? locale : conversation.locale;
  const given = { type, text, textFormat, value: data, name, attachments, channelData, entities, replyToId, localTimestamp, localTimezone };
  return {
    ...Object.fromEntries(Object.entries(given).filter(([, field]) => field !== undefined && field !== null)),
    ...(chosenLocale ? { locale: chosenLocale } : {}),
    // The user is who the conversation was started for, whatever the client claims.
    from: { id: conversation.userId, ...(fromName ? { name: fromName } : {}), role: 'user' },
  };
}

/** The bot's activity as stored: addressed from the bot in this conversation, without the server's own URL. */
function fromBot(conversation: DirectLineConversation, activity: NewActivity): NewActivity {
  // The store gives the id and the timestamp; the server's own URL is no business of the client.
  const rest = Object.fromEntries(Object.entries(activity).filter(([field]) => !['serviceUrl', 'id', 'timestamp'].includes(field)));
  return {
    ...rest,
    type: activity.type,
    channelId: CHANNEL_ID,
    conversation: { id: conversation.id },
    from: { ...(isObject(activity.from) ? activity.from : BOT_ACCOUNT), role: 'bot' },
  };
}

async function readBotActivity(req: IncomingMessage): Promise<{ activity: NewActivity } | Reply> {
  const read = await readJson(req, MAX_BOT_ACTIVITY_BYTES, { allowEmpty: false });
  if ('status' in read) return read;
  if (!isObject(read.value) || typeof read.value.type !== 'string' || !read.value.type) return channelError(400, 'BadArgument', 'The body must be an activity with a "type".');
  return { activity: read.value as NewActivity };
}

/** Reads a JSON body up to `maxBytes`; a declared or actual size over it is refused without reading on. */
async function readJson(req: IncomingMessage, maxBytes: number, { allowEmpty }: { allowEmpty: boolean }): Promise<{ value: unknown } | Reply> {
  const text = await readLimitedBody(req, maxBytes);
  if (text === 'tooLarge') return channelError(413, 'PayloadTooLarge', `The body is larger than ${maxBytes} bytes.`);
  if (!text.trim()) return allowEmpty ? { value: undefined } : channelError(400, 'BadArgument', 'The body is empty; expected a JSON activity.');
  try {
    return { value: JSON.parse(text) };
  } catch {
    return channelError(400, 'BadArgument', 'The body is not valid JSON.');
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function param(req: Request, name: string): string {
  return optionalParam(req, name) ?? '';
}

function optionalParam(req: Request, name: string): string | undefined {
  const value: unknown = (req.params as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : undefined;
}
