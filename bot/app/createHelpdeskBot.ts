/**
 * The one wiring of the bot itself: its state, the router dialog with everything the flows need, and the
 * activity handler. `createApp.ts` puts it behind the HTTP server; the in-process tests
 * (test/helpers/testBot.ts) put it behind the SDK's TestAdapter, so both run the same bot.
 * @remarks The names under which state is stored live here and nowhere else: they are the stored format of
 * everyone's conversations, so renaming one drops what people were in the middle of.
 */
import type { BotState, Storage, TurnContext } from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import type { TicketDesk, UserProfile } from '../../dialogs/dialogDeps.js';
import type { FinishedCard } from '../../dialogs/finishedCards.js';
import type { ShownAnswer } from '../../dialogs/lastShownAnswer.js';
import { RecentTurns } from '../../dialogs/recentTurns.js';
import { RouterDialog } from '../../dialogs/routerDialog.js';
import type { Requester } from '../../services/organizations/findOrganization.js';
import type { Intent, Language } from '../../services/models/intent.js';
import type { Directory } from '../../services/ports/directory.js';
import type { MicrosoftLookups } from '../../services/ports/microsoft.js';
import type { TranscriptWindows } from '../../services/ports/transcriptWindows.js';
import type { TakeoverService } from '../../services/takeover/takeoverService.js';
import type { TicketService } from '../../services/tickets/ticketService.js';
import type { IntentRecognizer } from '../../understanding/recognition.js';
import { Understanding } from '../../understanding/understand.js';
import type { FloodGuard } from '../runtime/floodGuard.js';
import { HelpdeskBot } from '../runtime/helpdeskBot.js';
import { sdkTuning } from '../runtime/sdkTuning/index.js';

/** Where each piece of state is stored: `flow` is per person and conversation, `user` per person. */
const STATE = {
  flow: {
    dialogState: 'dialogState',
    language: 'language',
    lastAnswerId: 'lastAnswerId',
    lastAnswerTopic: 'lastAnswerTopic',
    finishedCards: 'finishedCards',
    lastShownAnswer: 'lastShownAnswer',
    discussedDomain: 'discussedDomain',
    discussedService: 'discussedService',
  },
  user: { profile: 'profile' },
} as const;

export interface HelpdeskStates {
  /** Each person's own state in a conversation: their flow, language and last answer (see HelpdeskBotDeps.flowState). */
  flowState: BotState;
  /** A person's state across conversations: their profile. */
  userState: BotState;
}

/** The two states on `storage`; with `tuned`, the cheaper change check of bot/runtime/sdkTuning. */
export function createHelpdeskStates(storage: Storage, tuned: boolean): HelpdeskStates {
  const tuning = sdkTuning(tuned);
  return { flowState: tuning.flowState(storage), userState: tuning.userState(storage) };
}

export interface HelpdeskBotParts {
  states: HelpdeskStates;
  /** Whether the dialogs run through the tuned runner (bot/runtime/sdkTuning). */
  tuned: boolean;
  recognizer: IntentRecognizer;
  directory: Directory;
  microsoft: MicrosoftLookups;
  transcriptWindows: TranscriptWindows;
  takeovers: TakeoverService;
  /** How often takeovers marked "check for me later" are checked again, to tell the user. */
  takeoverRecheckSeconds: number;
  tickets: TicketService;
  ticketDesk: TicketDesk;
  identifyRequester(context: TurnContext): Promise<Requester>;
  floodGuard?: FloodGuard;
}

export function createHelpdeskBot(parts: HelpdeskBotParts): HelpdeskBot {
  const { flowState, userState } = parts.states;
  const recentTurns = new RecentTurns(parts.transcriptWindows);
  const userProfile = userState.createProperty<UserProfile>(STATE.user.profile);
  const dialog = new RouterDialog({
    understanding: new Understanding(parts.recognizer),
    directory: parts.directory,
    microsoft: parts.microsoft,
    takeovers: parts.takeovers,
    takeoverRecheckSeconds: parts.takeoverRecheckSeconds,
    tickets: parts.tickets,
    ticketDesk: parts.ticketDesk,
    recentTurns,
    userProfile,
    lastAnswerId: flowState.createProperty<string | undefined>(STATE.flow.lastAnswerId),
    lastAnswerTopic: flowState.createProperty<Intent | undefined>(STATE.flow.lastAnswerTopic),
    finishedCards: flowState.createProperty<FinishedCard[]>(STATE.flow.finishedCards),
    lastShownAnswer: flowState.createProperty<ShownAnswer | undefined>(STATE.flow.lastShownAnswer),
    discussedDomain: flowState.createProperty<string | undefined>(STATE.flow.discussedDomain),
    discussedService: flowState.createProperty<string | undefined>(STATE.flow.discussedService),
    identifyRequester: parts.identifyRequester,
  });
  return new HelpdeskBot({
    flowState,
    userState,
    runDialog: sdkTuning(parts.tuned).runDialog(dialog, flowState.createProperty<DialogState>(STATE.flow.dialogState)),
    language: flowState.createProperty<Language | undefined>(STATE.flow.language),
    userProfile,
    recentTurns,
    floodGuard: parts.floodGuard,
  });
}
