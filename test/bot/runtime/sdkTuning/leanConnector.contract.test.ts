/**
 * The SDK behaviour the lean connector (bot/runtime/sdkTuning/leanConnector.ts) relies on, pinned: a real
 * CloudAdapter, with the tuning on and off, sends a turn's replies, card update and Teams member look-up, and a
 * proactive message per app id, to a channel on loopback; the channel must receive the same requests (method,
 * path, body, bearer token) and the bot the same answers. This holds only while CloudAdapter takes each turn's
 * client from `authenticateRequest(...).connectorFactory.create(serviceUrl, audience)` (proactive:
 * `createConnectorFactory(...)`), calls the client's `conversations.replyToActivity/sendToConversation/
 * updateActivity/getConversationMember` as the lean client implements them, and the SDK's client signs with
 * `credentials.signRequest` and keeps its app id on the factory as the lean one reads them.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import {
  type Activity,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConversationReference,
  TeamsInfo,
  type TurnContext,
} from 'botbuilder';
import { AppCredentials, type AuthenticatorResult, ServiceClientCredentialsFactory } from 'botframework-connector';
import { sdkTuning } from '../../../../bot/runtime/sdkTuning/index.js';
import { type ChannelRequest, LoopbackChannel, numberedIds, pinned } from './sdkContract.js';

/** The SDK's own credentials, with a token made up per app id instead of one from Microsoft Entra ID. */
class MadeUpTokenCredentials extends AppCredentials {
  protected refreshToken(): Promise<AuthenticatorResult> {
    return Promise.resolve({ accessToken: `token-for-${this.appId}`, expiresOn: new Date(Date.now() + 3_600_000) });
  }
}

/** Incoming requests need no token (as in local mode); outgoing ones are signed as the app the claims name. */
class MadeUpCredentialsFactory extends ServiceClientCredentialsFactory {
  isValidAppId(): Promise<boolean> {
    return Promise.resolve(true);
  }
  isAuthenticationDisabled(): Promise<boolean> {
    return Promise.resolve(true);
  }
  createCredentials(appId: string | undefined, audience: string | undefined): Promise<AppCredentials> {
    return Promise.resolve(new MadeUpTokenCredentials(appId || 'the-bot', '', audience));
  }
}

const channel = new LoopbackChannel();
let serviceUrl = '';

beforeAll(async () => {
  serviceUrl = await channel.start();
});
afterAll(() => channel.close());
beforeEach(() => channel.reset());

/** What the bot saw of one run: the channel's answers as the SDK handed them to it, and the turns' clients. */
interface Run {
  requests: ChannelRequest[];
  answers: unknown[];
  clients: unknown[];
}

function incoming(id: string, text: string): Activity {
  return {
    type: 'message',
    id,
    text,
    channelId: 'msteams',
    serviceUrl,
    // Ids as Teams sends them, with characters that must be encoded in the path.
    conversation: { id: 'a:1Xq/conv;messageid=1', conversationType: 'personal', tenantId: 'tenant-1', isGroup: false, name: '' },
    from: { id: '29:user 1', name: 'Sam Tester', aadObjectId: 'aad-1' },
    recipient: { id: '28:bot', name: 'Helpdesk' },
    channelData: { tenant: { id: 'tenant-1' } },
    locale: 'en-US',
  } as Activity;
}

/** What a failed call looked like to the bot. */
function failure(error: unknown): unknown {
  return { failed: true, statusCode: (error as { statusCode?: unknown }).statusCode };
}

/** The same turns and proactive messages, through a CloudAdapter with the tuning on or off. */
async function runTurns(tuned: boolean): Promise<Run> {
  channel.reset();
  const auth = sdkTuning(tuned).connectorAuthentication(new ConfigurationBotFrameworkAuthentication({}, new MadeUpCredentialsFactory()));
  const adapter = new CloudAdapter(auth);
  const answers: unknown[] = [];
  const clients: unknown[] = [];
  const keepClient = (context: TurnContext) => clients.push(context.turnState.get(adapter.ConnectorClientKey));

  await adapter.processActivityDirect('', incoming('incoming-1', 'hello'), async (context) => {
    keepClient(context);
    const reply = await context.sendActivity('Hello Sam');
    answers.push(reply);
    answers.push(
      await context.sendActivity({
        type: 'message',
        attachments: [
          {
            contentType: 'application/vnd.microsoft.card.adaptive',
            content: { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'Which domain?' }], actions: [{ type: 'Action.Submit', title: 'Go', data: { verb: 'go' } }] },
          },
        ],
        suggestedActions: { to: [], actions: [{ type: 'imBack', title: 'yes', value: 'yes' }] },
      }),
    );
    answers.push(await context.updateActivity({ type: 'message', id: reply?.id, text: 'Hello Sam (updated)' }));
    answers.push(await TeamsInfo.getMember(context, '29:user 1'));
  });

  await adapter.processActivityDirect('', incoming('incoming-2', 'again'), async (context) => {
    keepClient(context);
    answers.push(await context.sendActivity('Second turn'));
    // A refused call fails the same way, and is not retried.
    channel.script.push({ status: 403, body: { error: { code: 'BotNotInConversationRoster', message: 'no' } } });
    answers.push(await context.sendActivity('Refused').catch(failure));
  });

  // Proactive messages (the ticket desk, the takeover re-check) as two app ids: each signed as its own.
  const reference: Partial<ConversationReference> = {
    channelId: 'msteams',
    serviceUrl,
    conversation: { id: '19:desk@thread.tacv2', isGroup: true, conversationType: 'channel', name: '' },
    bot: { id: '28:bot', name: 'Helpdesk' },
  };
  for (const appId of ['app-a', 'app-b', 'app-a']) {
    await adapter.continueConversationAsync(appId, reference, async (context) => {
      answers.push(await context.sendActivity(`Ticket for ${appId}`));
    });
  }
  return { requests: [...channel.requests], answers, clients };
}

/** The requests as the channel saw them, without the connection they came on. */
const asSeen = (requests: ChannelRequest[]) => numberedIds(requests.map(({ clientPort: _port, ...request }) => request));

describe('the SDK behaviour the lean connector relies on', () => {
  it('CloudAdapter sends the same requests, and hands the bot the same answers, with the lean connector as without', async () => {
    const sdk = await runTurns(false);
    const lean = await runTurns(true);

    await pinned('lean connector', 'leanConnector.ts', () => {
      // The run did reach the channel: replies, update, look-up, the refused reply, three proactive messages.
      expect(asSeen(sdk.requests).map((request) => `${request.method} ${request.path.replace(/\/v3\/conversations\/[^/]+/, '/v3/conversations/:id')}`)).toEqual([
        'POST /v3/conversations/:id/activities/incoming-1',
        'POST /v3/conversations/:id/activities/incoming-1',
        'PUT /v3/conversations/:id/activities/activity-1',
        'GET /v3/conversations/:id/members/29%3Auser%201',
        'POST /v3/conversations/:id/activities/incoming-2',
        'POST /v3/conversations/:id/activities/incoming-2',
        'POST /v3/conversations/:id/activities/<id 1>',
        'POST /v3/conversations/:id/activities/<id 2>',
        'POST /v3/conversations/:id/activities/<id 3>',
      ]);
      expect(sdk.requests.map((request) => request.authorization)).toEqual([
        ...Array<string>(6).fill('Bearer token-for-the-bot'),
        'Bearer token-for-app-a',
        'Bearer token-for-app-b',
        'Bearer token-for-app-a',
      ]);
      expect(asSeen(lean.requests)).toEqual(asSeen(sdk.requests));
      expect(lean.answers).toEqual(sdk.answers);
    });
  });

  it('CloudAdapter takes each turn its client from the factory the lean connector wraps (else the tuning does nothing)', async () => {
    const lean = await runTurns(true);

    await pinned('lean connector', 'leanConnector.ts', () => {
      expect(lean.clients).toHaveLength(2);
      // One client for the channel, kept from the first turn to the next...
      expect(lean.clients[1]).toBe(lean.clients[0]);
      // ...whose calls all went over one kept-alive connection.
      expect(new Set(lean.requests.map((request) => request.clientPort)).size).toBe(1);
    });
  });
});
