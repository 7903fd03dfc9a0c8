/**
 * The calls a turn makes to the channel (replies, card updates, the Teams member look-up) on one kept-alive
 * connection per channel, instead of through a new SDK client per turn.
 * @remarks Why: CloudAdapter asks its ConnectorFactory for a new ConnectorClient on every turn: a new
 * @azure/core-client pipeline (serializer, tracing, logging, proxy and redirect policies) and a new HTTP
 * agent, so a new TCP (and, against Teams, TLS) connection for every turn, and an idle socket left behind.
 * Measured on loopback, that is about 0.5 ms of CPU per call, half of what the SDK's echo bot spends on a
 * whole turn. Here clients are kept per channel (service URL, audience and app id), as the SDK's older
 * BotFrameworkAdapter did, and the four hot operations go straight to a kept-alive HTTP agent with the same
 * URL, body, headers and bearer token as the SDK's; everything else a client can do (create a conversation,
 * list members, ...) still goes through the SDK's own client. The user token client, also made per turn, is
 * kept per app id. Failed calls are retried like the SDK's
 * pipeline retries them (429, 5xx and network errors, three times, backing off from one second, or as long as
 * the channel's Retry-After asks, up to 30 s).
 *
 * Relies on: CloudAdapter taking a turn's client from `authenticateRequest(...).connectorFactory.create(serviceUrl,
 * audience)` (proactive: `createConnectorFactory(...)`), and calling `conversations.replyToActivity/
 * sendToConversation/updateActivity/getConversationMember` on it (TeamsInfo too) as implemented here; the SDK's
 * client keeping `baseUri` and `credentials.signRequest`, and its factory its `appId` (not public). Pinned by
 * test/bot/runtime/sdkTuning/leanConnector.contract.test.ts; SDK_TUNING=off uses the SDK's clients.
 */
import {
  AuthenticationConstants,
  BotFrameworkAuthentication,
  type AuthenticateRequestResult,
  type BotFrameworkClient,
  type ClaimsIdentity,
  type ConnectorClient,
  ConnectorFactory,
  type UserTokenClient,
} from 'botframework-connector';
import type { Activity, ConversationAccount, ResourceResponse } from 'botframework-schema';
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { createRequire } from 'node:module';

/** What the SDK's own clients say they are. */
const USER_AGENT = `Microsoft-BotFramework/3.1 botframework-connector/${(createRequire(import.meta.url)('botframework-connector/package.json') as { version: string }).version}`;
const httpAgent = new HttpAgent({ keepAlive: true });
const httpsAgent = new HttpsAgent({ keepAlive: true });

/** How many channel clients are kept (Teams uses a few service URLs per region). */
const CLIENTS_KEPT = 64;
const RETRIES = 3;
const FIRST_RETRY_MS = 1000;
const TIMEOUT_MS = 30_000;
/** The longest Retry-After honoured: a turn waiting longer has lost its user anyway. */
const MAX_RETRY_AFTER_MS = 30_000;

/** Wraps the bot's authentication so that every turn, and every proactive message, talks to the channel this way. */
export class LeanConnectorAuthentication extends BotFrameworkAuthentication {
  private readonly clients = new Map<string, Promise<ConnectorClient>>();
  private readonly userTokenClients = new Map<string, Promise<UserTokenClient>>();

  constructor(private readonly inner: BotFrameworkAuthentication) {
    super();
  }

  async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    const result = await this.inner.authenticateRequest(activity, authHeader);
    return { ...result, connectorFactory: result.connectorFactory && this.keeping(result.connectorFactory) };
  }

  async authenticateStreamingRequest(authHeader: string, channelIdHeader: string): Promise<AuthenticateRequestResult> {
    const result = await this.inner.authenticateStreamingRequest(authHeader, channelIdHeader);
    return { ...result, connectorFactory: result.connectorFactory && this.keeping(result.connectorFactory) };
  }

  createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.keeping(this.inner.createConnectorFactory(claimsIdentity));
  }

  /**
   * The user token client (sign-in prompts) is made on every turn too, with a pipeline of its own, although
   * it depends on the bot's app id only (the audience claim, or the app id claim, as the SDK reads it).
   */
  createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    const appId = claimsIdentity.getClaimValue(AuthenticationConstants.AudienceClaim) ?? claimsIdentity.getClaimValue(AuthenticationConstants.AppIdClaim) ?? '';
    let client = this.userTokenClients.get(appId);
    if (!client) {
      client = this.inner.createUserTokenClient(claimsIdentity);
      client.catch(() => this.userTokenClients.delete(appId));
      this.userTokenClients.set(appId, client);
      if (this.userTokenClients.size > CLIENTS_KEPT) this.userTokenClients.delete(this.userTokenClients.keys().next().value as string);
    }
    return client;
  }

  override createBotFrameworkClient(): BotFrameworkClient {
    return this.inner.createBotFrameworkClient();
  }

  override getOriginatingAudience(): string {
    return this.inner.getOriginatingAudience();
  }

  override authenticateChannelRequest(authHeader: string): Promise<ClaimsIdentity> {
    return this.inner.authenticateChannelRequest(authHeader);
  }

  private keeping(factory: ConnectorFactory): ConnectorFactory {
    // The SDK's factory holds the app id its clients sign in as; a client is kept per app id and channel.
    const appId = (factory as unknown as { appId?: string }).appId ?? '';
    const clients = this.clients;
    return new (class extends ConnectorFactory {
      create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
        const key = JSON.stringify([appId, serviceUrl, audience ?? null]);
        let client = clients.get(key);
        if (!client) {
          client = factory.create(serviceUrl, audience).then(leanClient);
          // A client that could not be made (no token yet, say) is not kept.
          client.catch(() => clients.delete(key));
          clients.set(key, client);
          if (clients.size > CLIENTS_KEPT) clients.delete(clients.keys().next().value as string);
        }
        return client;
      }
    })();
  }
}

/** Puts the lean operations on the SDK's client; its other operations stay as they are. */
function leanClient(client: ConnectorClient): ConnectorClient {
  const { baseUri, credentials } = client as unknown as {
    baseUri?: string;
    credentials?: { signRequest?(resource: unknown): Promise<unknown> };
  };
  const base = baseUri?.replace(/\/+$/, '') ?? '';
  const call = async (method: string, path: string, body?: unknown): Promise<unknown> => {
    const headers: Record<string, string> = { accept: 'application/json', 'user-agent': USER_AGENT };
    // The SDK's credentials put the bearer token on a request's headers (nothing in local mode).
    await credentials?.signRequest?.({ headers: { set: (name: string, value: string) => (headers[name.toLowerCase()] = value) } });
    return send(method, `${base}${path}`, headers, body === undefined ? undefined : JSON.stringify(body));
  };
  const segment = (value: string) => encodeURIComponent(value);
  const conversations = client.conversations as unknown as Record<string, unknown>;
  conversations.replyToActivity = (conversationId: string, activityId: string, activity: Partial<Activity>) =>
    call('POST', `/v3/conversations/${segment(conversationId)}/activities/${segment(activityId)}`, activity) as Promise<ResourceResponse>;
  conversations.sendToConversation = (conversationId: string, activity: Partial<Activity>) =>
    call('POST', `/v3/conversations/${segment(conversationId)}/activities`, activity) as Promise<ResourceResponse>;
  conversations.updateActivity = (conversationId: string, activityId: string, activity: Partial<Activity>) =>
    call('PUT', `/v3/conversations/${segment(conversationId)}/activities/${segment(activityId)}`, activity) as Promise<ResourceResponse>;
  conversations.getConversationMember = (conversationId: string, memberId: string) =>
    call('GET', `/v3/conversations/${segment(conversationId)}/members/${segment(memberId)}`) as Promise<ConversationAccount>;
  return client;
}

/** An answer the channel refused; `statusCode` as on the SDK's RestError. */
export class ChannelRequestError extends Error {
  constructor(
    message: string,
    readonly statusCode?: number,
    readonly body?: string,
    /** The channel's Retry-After on a 429 or 503, in milliseconds. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'RestError';
  }
}

async function send(method: string, url: string, headers: Record<string, string>, body: string | undefined): Promise<unknown> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await once(method, url, headers, body);
    } catch (error) {
      const { statusCode: status, retryAfterMs } = error as ChannelRequestError;
      const retry = status === undefined || status === 429 || status >= 500;
      if (!retry || attempt >= RETRIES) throw error;
      // A throttled bot (Teams answers 429 at busy hours) waits as long as the channel asks, within reason.
      const backoff = FIRST_RETRY_MS * 2 ** attempt;
      await new Promise((resolve) => setTimeout(resolve, Math.min(Math.max(backoff, retryAfterMs ?? 0), MAX_RETRY_AFTER_MS)));
    }
  }
}

function once(method: string, url: string, headers: Record<string, string>, body: string | undefined): Promise<unknown> {
  const target = new URL(url);
  const secure = target.protocol === 'https:';
  const payload = body === undefined ? undefined : Buffer.from(body, 'utf8');
  return new Promise((resolve, reject) => {
    const req = (secure ? httpsRequest : httpRequest)(
      target,
      {
        method,
        agent: secure ? httpsAgent : httpAgent,
        timeout: TIMEOUT_MS,
        headers: payload ? { ...headers, 'content-type': 'application/json; charset=utf-8', 'content-length': String(payload.length) } : headers,
      },
      (res: IncomingMessage) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const status = res.statusCode ?? 0;
          // As the SDK: 200, 201 and 202 are answers (a body, or none); anything else fails the call.
          if (status !== 200 && status !== 201 && status !== 202) {
            reject(new ChannelRequestError(`${method} ${target.pathname} answered ${status}`, status, text.slice(0, 500), retryAfter(res.headers['retry-after'])));
            return;
          }
          try {
            resolve(text ? JSON.parse(text) : {});
          } catch {
            resolve({});
          }
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${method} ${target.pathname}: no answer within ${TIMEOUT_MS} ms`)));
    req.on('error', reject);
    req.end(payload);
  });
}

/** Retry-After as seconds or as an HTTP date, in milliseconds from now; undefined when absent or unreadable. */
function retryAfter(header: string | undefined): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}
