/**
 * "Talk to a person" (the escalate intent, a "no" to "Did this help?", the not-sure card's button):
 * confirm a short description, then open a ticket with the recent conversation attached.
 */
import { randomUUID } from 'node:crypto';
import { TurnContext } from 'botbuilder';
import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { readCardAction } from '../cards/cardAction.js';
import { ticketCreatedCard, ticketQuestionCard, ticketReach, type TicketReach } from '../cards/ticketCards.js';
import { VERBS } from '../cards/verbs.js';
import { format, stringsFor } from '../locales/strings.js';
import { LANGUAGES } from '../services/models/intent.js';
import { shorten } from '../services/tickets/shorten.js';
import type { TranscriptLine } from '../services/models/ticket.js';
import { MAX_QUESTION, MAX_TICKETS_PER_WINDOW } from '../services/tickets/ticketService.js';
import { CardPrompt, cardActivity, type PromptReading } from './cardPrompt.js';
import { isOwnQuestion, isQuestionLine } from '../understanding/ownQuestion.js';
import type { DialogDeps } from './dialogDeps.js';
import { rememberFinishedCard } from './finishedCards.js';
import { claimedAddress, requesterOrganization } from './requesterOrganization.js';
import { emailDomain } from '../services/signup/emailAddress.js';
import { turnLanguage, turnStrings } from './turnLanguage.js';

export const ESCALATE_DIALOG = 'escalate';
const QUESTION_PROMPT = 'escalate.questionPrompt';
const STEPS = 'escalate.steps';

export interface EscalateOptions {
  /** The answer the user said did not help. */
  answerId?: string;
  /** What the card starts with instead of the user's last question: the text of an older card's Send. */
  prefill?: string;
}

/** What the description card keeps while it waits. */
interface QuestionCard {
  /** Names this copy of the card: a Send of an older copy is not taken for it. */
  cardId: string;
  /** Who could pick the ticket up, when not the organization's helpdesk: the card says so before it is sent. */
  reach?: TicketReach;
  prefill?: string;
  /** The pre-filled text holds what the user typed in the chat, not only the bot's guess of their question. */
  typed?: true;
}

/**
 * The answer to the description card: a description (the card's field, or typed), "yes" to send the pre-filled
 * question as it is, or "no" to send nothing.
 */
type DescriptionAnswer = { kind: 'describe'; text: string } | { kind: 'sendAsIs' } | { kind: 'decline' };

export class EscalateDialog extends ComponentDialog {
  private readonly questionPrompt = new CardPrompt<DescriptionAnswer, QuestionCard>(QUESTION_PROMPT, {
    verbs: [VERBS.submitTicket],
    // Text typed in the chat is a draft to confirm; a specific question gets its answer first.
    holdsTypedText: (t) => t.tickets.stillWaiting,
    waitsFor: () => ({ kind: 'ticketDescription' }),
    read: (context, { action, decision, data }) => {
      if (action?.verb === VERBS.submitTicket) {
        // Another copy of the card (one whose flow was left): this one is shown again, and nothing is sent.
        if (data?.cardId && action.card && action.card !== data.cardId) return { problem: turnStrings(context).tickets.olderCard };
        return readDescription(context, action.question);
      }
      // Typed in the chat rather than in the card's field: "yes" and "no" answer the card, they describe nothing.
      // A "yes" sends what the card shows now.
      switch (decision?.kind) {
        case 'no':
          return { value: { kind: 'decline' } };
        case 'yes':
          return data?.prefill ? { value: { kind: 'describe', text: data.prefill } } : { value: { kind: 'sendAsIs' } };
        case 'description':
          return draftDescription(context, decision.text, data);
        default:
          // A command, thanks, a question of fact: the router's (RouterDialog.interruption), never the ticket's text.
          return undefined;
      }
    },
    // Asked again after a description that was too long, it keeps what the user wrote (cut to fit) to shorten.
    card: async (context, data, retry) =>
      ticketQuestionCard(
        turnStrings(context),
        (data?.typed && data.prefill) ||
          (retry && submittedDescription(context)) ||
          (data ? (data.prefill ?? '') : lastQuestion(await this.deps.recentTurns.get(context, []), context.activity.text)),
        data?.cardId ?? randomUUID(),
        data?.reach,
      ),
  });

  constructor(private readonly deps: DialogDeps) {
    super(ESCALATE_DIALOG);
    this.addDialog(this.questionPrompt);
    this.addDialog(new WaterfallDialog(STEPS, [this.questionStep.bind(this), this.ticketStep.bind(this)]));
    this.initialDialogId = STEPS;
  }

  /** The description, pre-filled with what the user asked before they wanted a person. */
  private async questionStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    // Over the limit, say so before the user writes a description that could not be sent.
    const wait = await this.deps.tickets.ticketWait((await this.deps.identifyRequester(step.context)).userId);
    if (wait !== undefined) return this.refuseForNow(step, wait);
    // Pre-filled from the conversation's recent lines (kept in memory only), and kept with the card while it
    // waits: a typed "yes" sends exactly what the card showed.
    const prefill =
      ((step.options ?? {}) as EscalateOptions).prefill ?? lastQuestion(await this.deps.recentTurns.get(step.context, []), step.context.activity.text);
    const { organization } = await requesterOrganization(this.deps, step.context);
    const reach = ticketReach(organization, organization ? undefined : await this.claimedOrganization(step.context));
    const card: QuestionCard = { cardId: randomUUID(), ...(prefill ? { prefill } : {}), ...(reach.kind === 'helpdesk' ? {} : { reach }) };
    (step.values as { card?: QuestionCard }).card = card;
    return this.questionPrompt.ask(step, card);
  }

  /** Open the ticket, post it to the helpdesk channel if there is one, and tell the user its number. */
  private async ticketStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { context } = step;
    const answer = step.result as DescriptionAnswer;
    const t = turnStrings(context).tickets;
    if (answer.kind === 'decline') {
      await context.sendActivity(t.declined);
      return step.endDialog();
    }
    const { card } = step.values as { card?: QuestionCard };
    const question = answer.kind === 'describe' ? answer.text : card ? (card.prefill ?? '') : lastQuestion(await this.deps.recentTurns.get(context, []), context.activity.text);
    if (!question) {
      // "yes" to a card with nothing pre-filled: there is nothing to send yet.
      await context.sendActivity(t.emptyQuestion);
      return step.replaceDialog(STEPS, step.options);
    }
    // Who asks, and where the ticket goes, is the channel's word: an address typed at signup is neither.
    const { requester, organization } = await requesterOrganization(this.deps, context);
    const reference = JSON.parse(JSON.stringify(TurnContext.getConversationReference(context.activity))) as Record<string, unknown>;
    const opened = await this.deps.tickets.open({
      requester: {
        userId: requester.userId,
        ...(requester.aadObjectId ? { aadObjectId: requester.aadObjectId } : {}),
        ...(requester.name ? { name: requester.name } : {}),
        ...(requester.email ? { email: requester.email } : {}),
        conversation: reference,
        language: turnLanguage(context),
      },
      ...(organization ? { orgId: organization.id } : {}),
      question,
      transcript: await this.deps.recentTurns.get(context, []),
      answerId: ((step.options ?? {}) as EscalateOptions).answerId,
    });
    // Reached the limit while the description card was open (tickets sent from another chat meanwhile).
    if (opened.kind === 'rateLimited') return this.refuseForNow(step, opened.retryAfterSeconds);
    const { ticket } = opened;
    if (card) await rememberFinishedCard(this.deps, context, card.cardId, { kind: 'ticket', ticket: ticket.id });
    const posted = await this.deps.ticketDesk.announce(ticket);
    await context.sendActivity(cardActivity(ticketCreatedCard(turnStrings(context), ticket, posted, organization)));
    return step.endDialog();
  }

  /** The organization of the address typed at signup, which the channel does not confirm: the card says its helpdesk won't see the ticket. */
  private async claimedOrganization(context: TurnContext): Promise<{ address: string; org: string } | undefined> {
    const address = await claimedAddress(this.deps, context);
    const domain = emailDomain(address);
    const organization = domain ? await this.deps.directory.findByDomain(domain) : undefined;
    return address && organization ? { address, org: organization.displayName } : undefined;
  }

  /** Too many tickets within the hour: when the next one can go, and where to see the others. */
  private async refuseForNow(step: WaterfallStepContext, retryAfterSeconds: number): Promise<DialogTurnResult> {
    const t = turnStrings(step.context).tickets;
    await step.context.sendActivity(format(t.rateLimited, { max: MAX_TICKETS_PER_WINDOW, minutes: Math.max(1, Math.ceil(retryAfterSeconds / 60)) }));
    return step.endDialog();
  }
}

/**
 * Text typed in the chat at the description card: nothing is sent yet. The card comes back with the text in
 * its field (added to what the user typed there before), to send with one press or a "yes", or to change.
 */
function draftDescription(context: TurnContext, text: string | undefined, data: QuestionCard | undefined): PromptReading<DescriptionAnswer, QuestionCard> {
  const t = turnStrings(context).tickets;
  const reading = readDescription(context, text);
  if (!reading || !('value' in reading) || reading.value.kind !== 'describe') return reading;
  // Added to what the card shows (the question it was pre-filled with, or what was typed before), not instead.
  const typed = data?.prefill ? `${data.prefill}\n${reading.value.text}` : reading.value.text;
  const draft = shorten(typed, MAX_QUESTION);
  // A new copy of the card: a Send on the one before would send its text without what was typed now.
  return { problem: format(t.confirmTyped, { send: t.send }), data: { ...data, cardId: randomUUID(), prefill: draft, typed: true } };
}

/** A description to send: not empty, not too long. */
function readDescription(context: TurnContext, text: string | undefined): PromptReading<DescriptionAnswer> {
  const t = turnStrings(context).tickets;
  const trimmed = text?.trim() ?? '';
  // "👍" or "..." describes nothing a person at the helpdesk could act on.
  if (!/[\p{L}\p{N}]/u.test(trimmed)) return { problem: t.emptyQuestion };
  if (trimmed.length > MAX_QUESTION) return { problem: format(t.tooLong, { max: MAX_QUESTION }) };
  return { value: { kind: 'describe', text: trimmed } };
}

/** The description this turn brought (the card's field, or typed), cut to the limit; empty when it has no words. */
function submittedDescription(context: TurnContext): string {
  const action = readCardAction(context.activity.value);
  const text = (action?.verb === VERBS.submitTicket ? action.question : context.activity.text)?.trim() ?? '';
  return /[\p{L}\p{N}]/u.test(text) ? text.slice(0, MAX_QUESTION) : '';
}

/** The description card's title in every language, as the conversation's recent lines record the card. */
const DESCRIPTION_CARD_TITLES = new Set(LANGUAGES.map((language) => stringsFor(language).tickets.askTitle));
/** Cards that ask the user to pick something: what is typed next answers them ("school zei ik toch"), it is no problem. */
const CHOICE_CARD_TITLES = new Set(LANGUAGES.map((language) => stringsFor(language).whoIsMyAdmin.askTitle));

/**
 * The user's latest question: the message that brought the card when it asks one of its own ("is there a
 * phone number for Microsoft support?"), else the one before ("talk to a person" itself says nothing about
 * the problem; a one-word answer to a card is not a question); empty when there is none, so the user
 * writes it. They can edit it on the card either way.
 */
function lastQuestion(turns: readonly TranscriptLine[], current: string | undefined): string {
  // A line the bot answered with this card asked for a person ("talk to a person", "that didn't help"), not about
  // the problem; the card may come after a first reply ("Sorry it didn't help").
  const askedForPerson = (index: number) => {
    for (let next = index + 1; turns[next]?.from === 'bot'; next++) if (DESCRIPTION_CARD_TITLES.has(turns[next]!.text)) return true;
    return false;
  };
  const answeredACard = (index: number) => index > 0 && turns[index - 1]?.from === 'bot' && CHOICE_CARD_TITLES.has(turns[index - 1]!.text);
  const said = turns.filter((line, index) => line.from === 'user' && (index === turns.length - 1 || (!askedForPerson(index) && !answeredACard(index)))).map((line) => line.text);
  const before = current && !isOwnQuestion(current) ? said.slice(0, -1) : said;
  const question = before.reverse().find(isQuestionLine);
  return (question ?? '').slice(0, MAX_QUESTION);
}
