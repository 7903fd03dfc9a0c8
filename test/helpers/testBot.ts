/**
 * The bot as the app wires it (bot/app/createHelpdeskBot.ts), driven in-process through the SDK's TestAdapter:
 * the real recognizer, real dialogs, a real store: a file in a temp folder, or a fresh PostgreSQL database when
 * the run sets HELPDESK_TEST_STORE=postgres (storeUnderTest.ts). SDK_TUNING=off runs it without the SDK
 * tuning, as the app would.
 */
import { afterEach } from '@jest/globals';
import { TestAdapter, type Activity, type Storage } from 'botbuilder';
import { viewCard, type CardView } from '../../devtools/cardText.js';
import { recoverFromTurnError } from '../../bot/runtime/helpdeskAdapter.js';
import { createHelpdeskBot, createHelpdeskStates } from '../../bot/app/createHelpdeskBot.js';
import { createLogger } from '../../bot/app/logger.js';
import { TopicRecognizer } from '../../understanding/topicRecognizer.js';
import { createRequesterLookup } from '../../bot/runtime/requester.js';
import type { DialogDeps, TicketDesk } from '../../dialogs/dialogDeps.js';
import type { Ticket } from '../../services/models/ticket.js';
import { TicketService } from '../../services/tickets/ticketService.js';
import { openTestStore } from './storeUnderTest.js';
import type { Directory } from '../../services/ports/directory.js';
import type { HelpdeskRecords } from '../../services/ports/helpdeskRecords.js';
import { DnsTxtChecker, type TxtChecker } from '../../services/takeover/dnsTxtCheck.js';
import { TakeoverService } from '../../services/takeover/takeoverService.js';
import { microsoftLookupsOff } from '../../services/microsoft/lookupsOff.js';
import type { MicrosoftLookups } from '../../services/ports/microsoft.js';
import type { Organization } from '../../services/models/organization.js';

/** As the app's SDK_TUNING: on unless the run says off. */
const TUNED = process.env.SDK_TUNING !== 'off';

let recognizer: Promise<TopicRecognizer> | undefined;

/** Every test in a file shares one recognizer, at the app's default confidence threshold (NLU_CONFIDENCE_THRESHOLD). */
export function sharedRecognizer(): Promise<TopicRecognizer> {
  recognizer ??= TopicRecognizer.fromLocales(0.4);
  return recognizer;
}

/** What the in-process bot asked the ticket desk to do. */
export interface RecordingTicketDesk extends TicketDesk {
  announced: Ticket[];
  told: Ticket[];
  /** Tickets whose channel card was shown again as they are now (a withdrawal). */
  shownInChannel: Ticket[];
}

export interface TestBot {
  adapter: TestAdapter;
  directory: Directory;
  takeovers: TakeoverService;
  tickets: TicketService;
  desk: RecordingTicketDesk;
  /** Sends one activity (text, or a card press as `{ value }`) and returns what the bot sent back. */
  say(input: string | Partial<Activity>): Promise<Reply[]>;
  cleanup(): Promise<void>;
}

export interface Reply {
  /** The message's id, which a press names in `replyToId` in Teams (see pressInTeams). */
  id?: string;
  text?: string;
  card?: CardView;
  /** The whole reply as a person reads it: text, card lines and button titles. */
  all: string;
}

export interface TestBotOptions {
  locale?: string;
  organizations?: Organization[];
  from?: Partial<Activity['from']>;
  tenantId?: string;
  /** The email address Teams would give for the user (the member look-up); none by default, as outside Teams. */
  email?: string;
  /** Replaces the directory, for fault injection. */
  wrapDirectory?: (directory: Directory) => Directory;
  /** Replaces the records (answers and tickets), for fault injection. */
  wrapRecords?: (records: HelpdeskRecords) => HelpdeskRecords;
  /** Replaces the bot state's storage, for fault injection. */
  wrapStorage?: (storage: Storage) => Storage;
  /** Resolvers for the takeover's TXT check (a loopback DNS server); without them a check fails the test. */
  dnsServers?: string[];
  /** The takeover's clock; the real one by default. */
  now?: () => Date;
  /** A group chat instead of the default personal chat. */
  groupChat?: boolean;
  /** What Microsoft answers (a hand-made MicrosoftLookups); by default nothing is asked, as with MICROSOFT_LOOKUPS=off. */
  microsoft?: MicrosoftLookups;
}

export async function createTestBot(options: TestBotOptions = {}): Promise<TestBot> {
  const opened = await openTestStore();
  const { store } = opened;
  for (const org of options.organizations ?? []) await store.directory.save(org);
  const directory = options.wrapDirectory ? options.wrapDirectory(store.directory) : store.directory;
  const states = createHelpdeskStates(options.wrapStorage ? options.wrapStorage(store.storage) : store.storage, TUNED);
  const logger = createLogger('silent');
  const nlp = await sharedRecognizer();
  const checker: TxtChecker = options.dnsServers
    ? new DnsTxtChecker({ servers: options.dnsServers, timeoutMs: 500, tries: 1 })
    : { check: () => Promise.reject(new Error('createTestBot(): this test gave no dnsServers for the takeover check')) };
  const now = options.now ?? (() => new Date());
  const microsoft = options.microsoft ?? microsoftLookupsOff();
  const takeovers = new TakeoverService({ directory, checker, microsoft, now });
  const tickets = new TicketService({ records: options.wrapRecords ? options.wrapRecords(store.records) : store.records, now });
  // The real desk posts through Bot Framework connectors (tested over HTTP); in-process it records what it was asked.
  const desk: RecordingTicketDesk = {
    announced: [],
    told: [],
    shownInChannel: [],
    announce: async (ticket) => {
      desk.announced.push(ticket);
      return false;
    },
    tellRequester: async (ticket) => {
      desk.told.push(ticket);
    },
    showInChannel: async (ticket) => {
      desk.shownInChannel.push(ticket);
    },
  };
  const bot = createHelpdeskBot({
    states,
    tuned: TUNED,
    recognizer: nlp,
    directory,
    microsoft,
    transcriptWindows: store.transcriptWindows,
    takeovers,
    takeoverRecheckSeconds: 300,
    tickets,
    ticketDesk: desk,
    identifyRequester: withTeamsEmail(createRequesterLookup(logger), options.email),
  });
  const adapter = new TestAdapter(async (context) => bot.run(context), {
    locale: options.locale,
    from: { id: 'user-1', name: 'Sam Tester', ...options.from },
    conversation: options.groupChat
      ? { id: 'conversation-1', isGroup: true, conversationType: 'groupChat', name: 'Team chat', tenantId: options.tenantId }
      : { id: 'conversation-1', isGroup: false, conversationType: 'personal', name: '', tenantId: options.tenantId },
  } as Partial<Activity>);
  adapter.onTurnError = (context, error) => recoverFromTurnError(context, error, states.flowState, logger);

  const say = async (input: string | Partial<Activity>): Promise<Reply[]> => {
    adapter.activeQueue.splice(0);
    // TestAdapter copies its template over every incoming activity, so another sender is set on the template for this turn.
    const own = adapter.template.from;
    if (typeof input !== 'string' && input.from) adapter.template.from = input.from;
    try {
      await adapter.receiveActivity(typeof input === 'string' ? { type: 'message', text: input } : { type: 'message', ...input });
    } finally {
      adapter.template.from = own;
    }
    return adapter.activeQueue.splice(0).filter((activity) => activity.type === 'message').map(toReply);
  };
  return { adapter, directory, takeovers, tickets, desk, say, cleanup: () => opened.cleanup() };
}

/** Stands in for the Teams member look-up, which only runs on the msteams channel. */
function withTeamsEmail(lookup: DialogDeps['identifyRequester'], email: string | undefined): DialogDeps['identifyRequester'] {
  return email ? async (context) => ({ ...(await lookup(context)), email }) : lookup;
}

function toReply(activity: Partial<Activity>): Reply {
  const content = activity.attachments?.[0]?.content as unknown;
  const card = content ? viewCard(content) : undefined;
  const all = [activity.text ?? '', ...(card?.lines ?? []), ...(card?.buttons.map((button) => `[${button.title}]`) ?? [])].join('\n');
  return { id: activity.id, text: activity.text, card, all };
}

/** The heading of the first card among the replies. */
export function titleOf(replies: Reply[]): string | undefined {
  return replies.find((reply) => reply.card)?.card?.lines[0];
}

/**
 * What a client sends when a person presses the button with this title: the button's data plus the
 * values of the card's text fields (pre-filled, or what the person typed, given in `fields`).
 */
export function press(replies: Reply[], title: string, fields: Record<string, string> = {}): Partial<Activity> {
  const cards = replies.flatMap((reply) => (reply.card ? [reply.card] : []));
  const card = cards.find((candidate) => candidate.buttons.some((button) => button.title === title));
  const button = card?.buttons.find((candidate) => candidate.title === title);
  if (!card || !button) {
    const titles = cards.flatMap((candidate) => candidate.buttons.map((b) => `"${b.title}"`));
    throw new Error(`press(): no button "${title}" among ${titles.join(', ')}`);
  }
  const inputs = Object.fromEntries(card.inputs.map((input) => [input.id, input.value]));
  return { value: { ...(button.data as object), ...inputs, ...fields } };
}

/** A press as Teams sends it: also naming the message the card came in (`replyToId`). */
export function pressInTeams(replies: Reply[], title: string, fields: Record<string, string> = {}): Partial<Activity> {
  const reply = replies.find((candidate) => candidate.card?.buttons.some((button) => button.title === title));
  return { ...press(replies, title, fields), ...(reply?.id ? { replyToId: reply.id } : {}) };
}

/** Registers clean-up after each test and returns a `start` that creates a fresh bot per conversation. */
export function useTestBots(): (options?: TestBotOptions) => Promise<TestBot> {
  let started: TestBot[] = [];
  afterEach(async () => {
    await Promise.all(started.map((bot) => bot.cleanup()));
    started = [];
  });
  return async (options = {}) => {
    const bot = await createTestBot(options);
    started.push(bot);
    return bot;
  };
}
