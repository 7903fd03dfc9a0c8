/** What the dialogs need from the outside, passed in by the composition root (bot/app.ts). */
import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { Directory } from '../services/ports/directory.js';
import type { MicrosoftLookups } from '../services/ports/microsoft.js';
import type { Requester } from '../services/organizations/findOrganization.js';
import type { Understanding } from '../understanding/understand.js';
import type { Intent, Language } from '../services/models/intent.js';
import type { Cloud, OrgType } from '../services/models/organization.js';
import type { TakeoverService } from '../services/takeover/takeoverService.js';
import type { Ticket, TranscriptLine } from '../services/models/ticket.js';
import type { TicketService } from '../services/tickets/ticketService.js';
import type { FinishedCard } from './finishedCards.js';
import type { ShownAnswer } from './lastShownAnswer.js';

/** Kept per user across conversations. */
export interface UserProfile {
  /** What the user said their organization is, so "who is my admin?" can answer directly next time. */
  orgType?: OrgType;
  /**
   * The address this user signed up with through the bot: their claim, to pre-fill questions with. Never who they
   * are: that is what the channel says (identifyRequester), see dialogs/requesterOrganization.ts.
   */
  email?: string;
  /** The takeover this user started last, so a typed "verify" knows which one. */
  takeoverId?: string;
  /** The language the user asked to be answered in ("Nederlands graag"). */
  language?: Language;
  /** The cloud the user named or picked last ("we're on GCC High"), so the next "am I an admin?" keeps to it. */
  cloud?: Cloud;
}

/** Reaches people outside this conversation: the helpdesk channel, and a ticket's requester. */
export interface TicketDesk {
  /** Posts the ticket to its organization's helpdesk channel; false when there is none (or it failed). */
  announce(ticket: Ticket): Promise<boolean>;
  /** Tells the requester, in their own conversation, that the ticket was assigned or resolved. */
  tellRequester(ticket: Ticket): Promise<void>;
  /** Shows the ticket as it is now on its card in the helpdesk channel, in place (its requester withdrew it). */
  showInChannel(ticket: Ticket): Promise<void>;
}

export interface DialogDeps {
  /** What typed messages mean (understanding/understand.ts). */
  understanding: Understanding;
  directory: Directory;
  /** What Microsoft says about real organizations (the source of truth; the directory adds to it). */
  microsoft: MicrosoftLookups;
  takeovers: TakeoverService;
  /** How often pending takeovers are re-checked, to tell the user. */
  takeoverRecheckSeconds: number;
  tickets: TicketService;
  ticketDesk: TicketDesk;
  /** The last lines of this conversation, attached to a ticket. */
  recentTurns: StatePropertyAccessor<TranscriptLine[]>;
  userProfile: StatePropertyAccessor<UserProfile>;
  /**
   * The last answer this person got in this conversation and has not rated by typing, so a typed "yes, that
   * helped" rates it. Kept with their flow, which is saved every turn anyway, rather than in the user's profile,
   * which an answer would otherwise have to write.
   */
  lastAnswerId: StatePropertyAccessor<string | undefined>;
  /** The topic of that answer, so a correction of it ("actually we're a small company") is understood. */
  lastAnswerTopic: StatePropertyAccessor<Intent | undefined>;
  /** The cards whose press recorded something, with what it recorded (see finishedCards.ts); with the flow, like lastAnswerId. */
  finishedCards: StatePropertyAccessor<FinishedCard[]>;
  /** The answer card last shown, as a fingerprint (see lastShownAnswer.ts); with the flow, like lastAnswerId. */
  lastShownAnswer: StatePropertyAccessor<ShownAnswer | undefined>;
  /** The domain last talked about in this conversation ("is fabrikam.nl in use?"), for "then I want to take it over". */
  discussedDomain: StatePropertyAccessor<string | undefined>;
  /** The service a signup in this conversation was for ("Power BI"), for an address typed again after a refused one. */
  discussedService: StatePropertyAccessor<string | undefined>;
  /** Who sent this turn: Teams ids plus the email from the Teams member look-up, when there is one. */
  identifyRequester(context: TurnContext): Promise<Requester>;
}
