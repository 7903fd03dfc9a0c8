/**
 * The load generator: `connections` simulated people, each with one request in flight on its own keep-alive
 * connection, starting conversation after conversation from a mix until the time is up. A turn is one POST
 * /api/messages answered; its latency runs from sending the request to the end of the response.
 * @remarks Replies reach the local connector (in this process), which hands each conversation what the bot
 * sent during its turn: the turn is complete when the HTTP response arrives, so nothing is awaited beyond it.
 * Errors: a non-2xx answer or a failed request; a reply that is the bot's turn-error message; a reply
 * without the card button the conversation needs next (the bot did not answer as it should).
 */
import { Agent, request } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { activityFor, chooseScenario, personFor } from './scenarios.mjs';

class FlowError extends Error {}

/** What the bot says when a turn fails, in both languages: such a reply is an error, whatever the HTTP status. */
function turnErrorTexts(root) {
  const texts = new Set();
  for (const lang of ['en', 'nl']) {
    const strings = JSON.parse(readFileSync(join(root, 'locales', lang, 'strings.json'), 'utf8'));
    for (const key of ['turnError', 'storeUnavailable']) if (strings.common?.[key]) texts.add(strings.common[key]);
  }
  return texts;
}

/** Routes what the connector receives to the conversation whose turn is running. */
export class Inboxes {
  constructor(connector) {
    this.connector = connector;
    this.open = new Map();
    /** What the bots asked of the connector: activities sent (POST/PUT) and Teams member look-ups (GET). */
    this.counts = { activities: 0, memberLookups: 0 };
    const members = connector.members;
    const get = members.get.bind(members);
    members.get = (key) => {
      this.counts.memberLookups += 1;
      return get(key);
    };
    connector.onActivity((activity) => {
      this.counts.activities += 1;
      this.open.get(activity.conversation?.id)?.push(activity);
      // The connector keeps everything it got; the bench needs only the running turn's replies.
      connector.activities.length = 0;
    });
  }
}

function viewButtons(viewCard, replies) {
  const found = [];
  for (const reply of replies) {
    for (const attachment of reply.attachments ?? []) {
      const card = viewCard(attachment.content);
      for (const button of card.buttons) found.push({ button, card });
    }
  }
  return found;
}

/**
 * Runs the mix against `url` for `durationMs`; returns the turns, their latencies (ms) and the errors.
 * `seqStart` keeps people and domains unique across runs on the same store.
 */
export async function runLoad({ url, inboxes, viewCard, mix, connections, durationMs, organizations, seqStart, projectRoot }) {
  const errorTexts = turnErrorTexts(projectRoot);
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const target = new URL('/api/messages', url);
  const latencies = [];
  const errors = { http: 0, network: 0, turnError: 0, flow: 0 };
  const errorSamples = [];
  const scenarios = {};
  let seq = seqStart;
  const countsBefore = { ...inboxes.counts };
  const started = performance.now();
  const deadline = started + durationMs;
  let finishedAt = started;

  const noteError = (kind, detail) => {
    errors[kind] += 1;
    if (errorSamples.length < 5) errorSamples.push(`${kind}: ${detail}`);
  };

  const post = (body) =>
    new Promise((resolve) => {
      const payload = Buffer.from(JSON.stringify(body));
      const begin = performance.now();
      const req = request(target, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': payload.length } }, (res) => {
        const chunks = [];
        res.on('data', (chunk) => chunks.push(chunk));
        res.on('end', () => {
          const end = performance.now();
          resolve({ status: res.statusCode ?? 0, ms: end - begin, end, text: Buffer.concat(chunks).toString('utf8') });
        });
        res.on('error', (error) => resolve({ status: 0, ms: performance.now() - begin, end: performance.now(), error }));
      });
      req.on('error', (error) => resolve({ status: 0, ms: performance.now() - begin, end: performance.now(), error }));
      req.end(payload);
    });

  const chatFor = (conversation) => {
    const turn = async (extra) => {
      const inbox = [];
      inboxes.open.set(conversation.id, inbox);
      const response = await post(activityFor(conversation, extra));
      inboxes.open.delete(conversation.id);
      latencies.push(response.ms);
      finishedAt = Math.max(finishedAt, response.end);
      if (response.error) {
        noteError('network', response.error.message);
        throw new FlowError('request failed');
      }
      if (response.status < 200 || response.status > 299) {
        noteError('http', `${response.status} ${response.text.slice(0, 120)}`);
        throw new FlowError(`HTTP ${response.status}`);
      }
      if (inbox.some((reply) => typeof reply.text === 'string' && errorTexts.has(reply.text))) {
        noteError('turnError', `${conversation.scenario}: ${inbox[0].text}`);
        throw new FlowError('turn error');
      }
      return inbox;
    };
    const findButton = (replies, verb, match = {}) =>
      viewButtons(viewCard, replies).find(
        ({ button }) => button.data?.verb === verb && Object.entries(match).every(([key, value]) => button.data?.[key] === value),
      );
    const fail = (what) => {
      noteError('flow', `${conversation.scenario}: ${what}`);
      throw new FlowError(what);
    };
    return {
      email: conversation.email,
      say: (text) => turn({ text }),
      press: (replies, verb, match) => {
        const found = findButton(replies, verb, match);
        if (!found) fail(`no "${verb}" button in the reply`);
        const fields = Object.fromEntries(found.card.inputs.map((input) => [input.id, input.value]));
        return turn({ value: { ...found.button.data, ...fields } });
      },
      hasButton: (replies, verb) => findButton(replies, verb) !== undefined,
      expectButton: (replies, verb) => {
        if (!findButton(replies, verb)) fail(`no "${verb}" button in the reply`);
      },
      expectReply: (replies) => {
        if (replies.length === 0) fail('no reply');
      },
    };
  };

  const person = async (vu) => {
    while (performance.now() < deadline) {
      const [, name, run] = chooseScenario(mix);
      const mine = seq++;
      const lang = mine % 2 === 0 ? 'en' : 'nl';
      const who = personFor(name, { organizations, seq: mine });
      const conversation = {
        id: `bench-${vu}-${mine}`,
        scenario: name,
        lang,
        userId: `29:bench-user-${mine}`,
        aadObjectId: undefined,
        name: `Person ${mine}`,
        serviceUrl: inboxes.connector.serviceUrl,
        ...who,
      };
      inboxes.connector.members.set(conversation.userId, { id: conversation.userId, name: conversation.name, email: who.email });
      scenarios[name] = (scenarios[name] ?? 0) + 1;
      try {
        await run(chatFor(conversation), { organizations, seq: mine, lang });
      } catch (error) {
        if (!(error instanceof FlowError)) throw error;
      } finally {
        inboxes.connector.members.delete(conversation.userId);
      }
    }
  };

  await Promise.all(Array.from({ length: connections }, (_, vu) => person(vu)));
  agent.destroy();
  const elapsedMs = finishedAt - started;
  const connectorCalls = {
    activitiesPerTurn: (inboxes.counts.activities - countsBefore.activities) / Math.max(1, latencies.length),
    memberLookupsPerTurn: (inboxes.counts.memberLookups - countsBefore.memberLookups) / Math.max(1, latencies.length),
  };
  return { turns: latencies.length, elapsedMs, latencies, errors, errorSamples, scenarios, connectorCalls, nextSeq: seq };
}
