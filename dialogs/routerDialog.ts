/**
 * The root dialog: picks the flow for each new message, and handles interruptions once for every flow.
 * @remarks Interruptions live here rather than in a base class of every flow (core-bot's
 * CancelAndHelpDialog) because this dialog sees each turn first: "cancel", "help", a button of another
 * card, or a clear new question typed while a flow waits for an answer.
 */
import { ComponentDialog, Dialog, DialogTurnStatus, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import type { TurnContext } from 'botbuilder';
import { readCardAction, type CardAction } from '../cards/cardAction.js';
import { factCard } from '../cards/factCard.js';
import { notSureCard } from '../cards/notSureCard.js';
import type { TopicWithButton } from '../cards/topicButtons.js';
import { signupAnswerCard } from '../cards/signupAnswerCard.js';
import { VERBS } from '../cards/verbs.js';
import { welcomeCard } from '../cards/welcomeCard.js';
import { format, stringsFor } from '../locales/strings.js';
import { FACT_TOPICS, type FactId } from '../services/models/fact.js';
import { TOPIC_INTENTS, type Intent } from '../services/models/intent.js';
import type { OrgType } from '../services/models/organization.js';
import { parseEmailAddress } from '../services/signup/emailAddress.js';
import type { Decision, Entities, Waiting } from '../understanding/decision.js';
import type { Command } from '../understanding/phrases.js';
import { domainOf } from '../understanding/understand.js';
import { sendAnswer } from './answers.js';
import { AmIAdminDialog, AM_I_ADMIN_DIALOG, type AmIAdminOptions } from './amIAdminDialog.js';
import { CardPrompt, cardsSentThisTurn } from './cardPrompt.js';
import { EscalateDialog, ESCALATE_DIALOG, type EscalateOptions } from './escalateDialog.js';
import { finishedCardOutcome } from './finishedCards.js';
import { FlowRouteDialog } from './flowRouteDialog.js';
import { latestOpenTakeover, TakeoverActions } from './takeoverActions.js';
import { currentOrganization } from './requesterOrganization.js';
import { TicketActions } from './ticketActions.js';
import { TakeoverDialog, TAKEOVER_DIALOG, type TakeoverDialogOptions } from './takeoverDialog.js';
import { DomainInUseDialog, DOMAIN_IN_USE_DIALOG, type DomainInUseOptions } from './domainInUseDialog.js';
import { SignupDialog, SIGNUP_DIALOG, type SignupOptions } from './signupDialog.js';
import type { DialogDeps } from './dialogDeps.js';
import { turnData } from './turnData.js';
import { turnLanguage, turnStrings } from './turnLanguage.js';
import { WhoIsMyAdminDialog, WHO_IS_MY_ADMIN_DIALOG, type WhoIsMyAdminOptions } from './whoIsMyAdminDialog.js';

export const ROUTER_DIALOG = 'router';
const ROUTE = 'router.route';

interface RouteOptions {
  /** Set when an interruption already understood the text, so it is not understood twice. */
  decision?: Decision;
}

type ActionHandler<A extends CardAction> = (step: DialogContext, action: A) => Promise<DialogTurnResult>;
export type ActionHandlers = { [V in CardAction['verb']]: ActionHandler<Extract<CardAction, { verb: V }>> };

export class RouterDialog extends ComponentDialog {
  /** One handler per card verb; a test checks every verb on every card has one. */
  readonly actionHandlers: ActionHandlers = {
    showHelp: (step) => this.sendAndEnd(step, welcomeCard(turnStrings(step.context))),
    startTopic: (step, action) => this.startTopic(step, action.topic),
    chooseOrgType: (step, action) => step.beginDialog(WHO_IS_MY_ADMIN_DIALOG, { orgType: action.orgType } satisfies WhoIsMyAdminOptions),
    changeOrgType: (step) => step.beginDialog(WHO_IS_MY_ADMIN_DIALOG, { askOrgType: true } satisfies WhoIsMyAdminOptions),
    chooseCloud: (step, action) => step.beginDialog(AM_I_ADMIN_DIALOG, { cloud: action.cloud } satisfies AmIAdminOptions),
    cancel: async (step) => {
      // Whatever was running was cancelled before this handler ran (see interruption); a Cancel of a card
      // whose flow was over already stops nothing.
      const t = turnStrings(step.context).common;
      return this.sendAndEnd(step, turnData(step.context).cancelledAFlow ? t.cancelled : t.nothingToCancel);
    },
    // Buttons of a signup card whose flow is over: start again from what the button says, recording nothing yet.
    submitAddress: (step, action) => step.beginDialog(SIGNUP_DIALOG, { typed: parseEmailAddress(action.email) } satisfies SignupOptions),
    noWorkAddress: (step) => this.sendAndEnd(step, signupAnswerCard(turnStrings(step.context), { kind: 'noWorkAddress' })),
    changeAddress: (step, action) => step.beginDialog(SIGNUP_DIALOG, { askAgain: true, ...(action.service ? { service: action.service } : {}) } satisfies SignupOptions),
    confirmSignup: async (step, action) => {
      const t = turnStrings(step.context).signup;
      if ((await finishedCardOutcome(this.deps, step.context, action.preview))?.kind === 'signup') return this.sendAndEnd(step, t.alreadyRecorded);
      await step.context.sendActivity(t.staleConfirm);
      return step.beginDialog(SIGNUP_DIALOG, {} satisfies SignupOptions);
    },
    submitDomain: (step, action) => {
      const domain = domainOf(action.domain);
      return step.beginDialog(DOMAIN_IN_USE_DIALOG, (domain.ok ? { domain: domain.value } : {}) satisfies DomainInUseOptions);
    },
    startTakeover: (step, action) => step.beginDialog(TAKEOVER_DIALOG, { domain: action.domain } satisfies TakeoverDialogOptions),
    // A takeover question whose flow is over: start the takeover again, with the domain the card sent if any.
    submitTakeoverDomain: (step, action) => {
      const domain = domainOf(action.domain);
      return step.beginDialog(TAKEOVER_DIALOG, (domain.ok ? { domain: domain.value } : {}) satisfies TakeoverDialogOptions);
    },
    chooseTakeoverKind: (step) => step.beginDialog(TAKEOVER_DIALOG, {} satisfies TakeoverDialogOptions),
    // The value card of a takeover whose flow is over (or was left): its value goes to the request the card names.
    submitTakeoverValue: (step, action) => this.act(step, () => this.takeoverActions.submitValue(step.context, action.request, action.value)),
    verifyTakeover: (step, action) => this.act(step, () => this.takeoverActions.verify(step.context, action.request)),
    finishedInMicrosoft: (step, action) => this.act(step, () => this.takeoverActions.finished(step.context, action.request)),
    recheckTakeover: (step, action) => this.act(step, () => this.takeoverActions.recheckLater(step.context, action.request)),
    cancelTakeover: (step, action) => this.act(step, () => this.takeoverActions.cancel(step.context, action.request)),
    buyLicenses: (step, action) => this.act(step, () => this.takeoverActions.decideLicenses(step.context, action.request, 'buy')),
    postponeLicenses: (step, action) => this.act(step, () => this.takeoverActions.decideLicenses(step.context, action.request, 'postpone')),
    feedback: (step, action) => this.feedback(step, action.answer, action.helpful),
    // A ticket description from a card whose flow is over: sent already (a double-click) says so; otherwise the
    // card is shown again with what it said, so nothing is sent by accident.
    submitTicket: async (step, action) => {
      const done = await finishedCardOutcome(this.deps, step.context, action.card);
      if (done?.kind === 'ticket') return this.sendAndEnd(step, format(turnStrings(step.context).tickets.alreadySent, { id: done.ticket }));
      return step.beginDialog(ESCALATE_DIALOG, { prefill: action.question.trim() || undefined } satisfies EscalateOptions);
    },
    assignTicket: (step, action) => this.act(step, () => this.ticketActions.assign(step.context, action.ticket)),
    resolveTicket: (step, action) => this.act(step, () => this.ticketActions.resolve(step.context, action.ticket, action.note)),
    withdrawTicket: (step, action) => this.act(step, () => this.ticketActions.withdraw(step.context, action.ticket)),
    unknown: (step) => {
      const t = turnStrings(step.context);
      return this.sendAndEnd(step, welcomeCard(t, t.common.unknownAction));
    },
  };

  private readonly route: FlowRouteDialog<RouteOptions>;
  private readonly takeoverActions: TakeoverActions;
  private readonly ticketActions: TicketActions;

  constructor(private readonly deps: DialogDeps) {
    super(ROUTER_DIALOG);
    this.takeoverActions = new TakeoverActions(deps);
    this.ticketActions = new TicketActions(deps);
    this.addDialog(new WhoIsMyAdminDialog(deps));
    this.addDialog(new AmIAdminDialog(deps));
    this.addDialog(new SignupDialog(deps));
    this.addDialog(new DomainInUseDialog(deps));
    this.addDialog(new TakeoverDialog(deps));
    this.addDialog(new EscalateDialog(deps));
    this.route = new FlowRouteDialog<RouteOptions>(ROUTE, (dc, options) => this.routeStep(dc, options));
    this.addDialog(this.route);
    this.initialDialogId = ROUTE;
  }

  protected override async onBeginDialog(innerDc: DialogContext, options?: object): Promise<DialogTurnResult> {
    const result = await super.onBeginDialog(innerDc, options);
    this.route.rememberCards(innerDc, cardsSentThisTurn(innerDc.context));
    return result;
  }

  protected override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    const result = (await this.interruption(innerDc)) ?? (await super.onContinueDialog(innerDc));
    this.route.rememberCards(innerDc, cardsSentThisTurn(innerDc.context));
    return result;
  }

  /**
   * Leaves the waiting flow when the user clearly asks for something else; undefined lets the waiting card take the
   * turn. Typed text goes by its Decision (understanding/understand.ts), read against what the card waits for.
   */
  private async interruption(dc: DialogContext): Promise<DialogTurnResult | undefined> {
    const prompt = activePrompt(dc);
    const action = readCardAction(dc.context.activity.value);
    if (action) return this.pressDuringFlow(dc, action, prompt);
    const decision = await this.decide(dc, prompt);
    const t = turnStrings(dc.context);
    switch (decision.kind) {
      case 'command':
        if (decision.command === 'cancel') {
          await dc.cancelAllDialogs();
          await dc.context.sendActivity(t.common.cancelled);
          return { status: DialogTurnStatus.cancelled };
        }
        // "my tickets" is a look, not a new request: the list, and the card keeps waiting.
        if (decision.command === 'myTickets' && prompt) {
          await this.ticketActions.myTickets(dc.context);
          await this.sendWaitingNote(dc.context, prompt);
          return Dialog.EndOfTurn;
        }
        // help, stats, use this channel, check the takeover: asked for by name, so they win over the waiting question.
        return this.restart(dc, { decision });
      case 'topic':
        return this.restart(dc, { decision });
      default:
        break;
    }
    if (!prompt) return undefined;
    switch (decision.kind) {
      case 'thanks':
      case 'rating':
        // "thanks" and "that didn't work" are no answer to the card: it keeps waiting, with a way on.
        if (decision.kind === 'rating' && !decision.helpful) {
          await dc.context.sendActivity(prompt.waitingNote(dc.context) ?? t.common.stuckAtCard);
          return Dialog.EndOfTurn;
        }
        await dc.context.sendActivity(t.common.youreWelcome);
        await this.sendWaitingNote(dc.context, prompt);
        return Dialog.EndOfTurn;
      case 'confused':
        // "huh?": what the card wants, in a line; the card itself is above.
        await dc.context.sendActivity(prompt.explanation(dc.context, innermost(dc)));
        return Dialog.EndOfTurn;
      case 'switchLanguage':
        // The card again, in the language asked for (chosen for this turn by HelpdeskBot).
        await dc.context.sendActivity(t.common.languageSwitched);
        await innermost(dc).repromptDialog();
        return Dialog.EndOfTurn;
      case 'otherLanguage':
        await dc.context.sendActivity(stringsFor('en').common.languagesSpoken);
        return Dialog.EndOfTurn;
      case 'fact':
        // A side question ("how long does DNS take?") gets its answer, and the card above keeps waiting.
        await this.answerFact(dc.context, decision.fact);
        await this.sendWaitingNote(dc.context, prompt);
        return Dialog.EndOfTurn;
      default:
        // An answer (right or wrong), or nothing the card or the router can use: the card reads it and asks again.
        return undefined;
    }
  }

  /** A card press while a flow waits: its own card's, a rating of an earlier answer, or another card's (a new request). */
  private async pressDuringFlow(dc: DialogContext, action: CardAction, prompt: CardPrompt<unknown> | undefined): Promise<DialogTurnResult | undefined> {
    if (action.verb === VERBS.feedback && !prompt?.answers(action)) {
      // "Did this help?" on an earlier answer is a side remark: the waiting card keeps waiting, unless a
      // "no" opens a ticket.
      if (!(await this.rate(dc.context, action.answer, action.helpful))) return Dialog.EndOfTurn;
      await dc.cancelAllDialogs();
      return dc.beginDialog(ESCALATE_DIALOG, { answerId: action.answer } satisfies EscalateOptions);
    }
    // "Use another address" on an earlier answer's card would throw away the preview that waits now.
    if (prompt?.answers(action) && action.verb === VERBS.changeAddress && this.route.isOlderCard(dc)) {
      await dc.context.sendActivity(turnStrings(dc.context).common.olderButton);
      return Dialog.EndOfTurn;
    }
    // The SDK's prompts read messages only: the takeover value sent as an Action.Execute invoke goes to its
    // handler, which records it for the request the card names just as the waiting card would.
    const invoked = dc.context.activity.type === 'invoke' && action.verb === VERBS.submitTakeoverValue;
    if (prompt?.answers(action) && !invoked) return undefined;
    if (action.verb === VERBS.cancel) {
      // The Cancel of a card from before this flow (another flow's, left open above) stops nothing now.
      if (this.route.isOlderCard(dc)) {
        await dc.context.sendActivity(turnStrings(dc.context).common.olderCancel);
        return Dialog.EndOfTurn;
      }
      turnData(dc.context).cancelledAFlow = true;
    }
    return this.restart(dc, {});
  }

  /**
   * What the typed message means, decided once per turn: read against the waiting card, or, with none, against
   * an answer that waits for its rating or a takeover that waits at DNS or Microsoft.
   */
  private async decide(dc: DialogContext, prompt: CardPrompt<unknown> | undefined): Promise<Decision> {
    const data = turnData(dc.context);
    if (data.decision) return data.decision;
    const waiting = prompt ? prompt.waiting(innermost(dc)) : await this.waitingWithoutCard(dc.context);
    data.decision = await this.deps.understanding.understand(dc.context.activity.text, { language: turnLanguage(dc.context), waiting, flow: flowTopic(dc) });
    return data.decision;
  }

  private async waitingWithoutCard(context: TurnContext): Promise<Waiting> {
    if (await this.deps.lastAnswerId.get(context)) return { kind: 'rating', topic: (await this.deps.lastAnswerTopic.get(context)) ?? 'none' };
    if (await latestOpenTakeover(this.deps, context)) return { kind: 'takeover' };
    return { kind: 'nothing' };
  }

  /** After a side answer: that the card above still waits, for a card that holds on to what the user typed. */
  private async sendWaitingNote(context: TurnContext, prompt: CardPrompt<unknown>): Promise<void> {
    const note = prompt.waitingNote(context);
    if (note) await context.sendActivity(note);
  }

  private async restart(dc: DialogContext, options: RouteOptions): Promise<DialogTurnResult> {
    await dc.cancelAllDialogs();
    return dc.beginDialog(ROUTE, options);
  }

  /** Card buttons go by verb; typed text by its Decision. */
  private async routeStep(step: DialogContext, options: RouteOptions): Promise<DialogTurnResult> {
    const action = readCardAction(step.context.activity.value);
    if (action) return this.handleAction(step, action);
    const decision = options.decision ?? (await this.decide(step, undefined));
    const t = turnStrings(step.context);
    switch (decision.kind) {
      case 'command':
        return this.command(step, decision.command);
      case 'thanks':
        return this.sendAndEnd(step, t.common.youreWelcome);
      case 'rating':
        return this.typedFeedback(step, decision.helpful);
      case 'correction':
        return this.correct(step, decision);
      case 'yes':
      case 'no':
      case 'confused':
        // A takeover waits at DNS or Microsoft: its card's buttons go on. Otherwise a yes is thanks, and a no or a
        // "huh?" with nothing asked gets the topics.
        if (await latestOpenTakeover(this.deps, step.context)) return this.sendAndEnd(step, t.takeover.typedAtCard);
        if (decision.kind === 'yes') return this.sendAndEnd(step, t.common.youreWelcome);
        return this.sendAndEnd(step, decision.kind === 'confused' ? welcomeCard(t, t.common.confusedLead) : notSureCard(t, TOPIC_INTENTS.slice(0, 3) as TopicWithButton[]));
      case 'switchLanguage':
        return this.sendAndEnd(step, t.common.languageSwitched);
      case 'otherLanguage':
        return this.sendAndEnd(step, stringsFor('en').common.languagesSpoken);
      case 'txtValue': {
        // A TXT value pasted in the chat while a takeover waits for DNS: Microsoft may show a new one.
        const open = await latestOpenTakeover(this.deps, step.context);
        const { reading } = decision;
        if (open && 'value' in reading) return this.act(step, () => this.takeoverActions.submitValue(step.context, open.id, reading.value));
        // A value with no takeover open: what the record is, and how a takeover with me goes.
        await this.answerFact(step.context, 'txtRecord');
        return step.endDialog();
      }
      case 'fact':
        await this.answerFact(step.context, decision.fact);
        return step.endDialog();
      case 'topic':
        return this.startTopic(step, decision.topic, decision.entities);
      case 'notSure':
        return this.sendAndEnd(step, notSureCard(t, likeliestTopics(decision.likeliest)));
      case 'empty':
        return this.sendAndEnd(step, welcomeCard(t, t.common.nonText));
      default:
        // An answer to a card that no longer waits ("school" after its flow ended).
        return this.sendAndEnd(step, notSureCard(t, TOPIC_INTENTS.slice(0, 3) as TopicWithButton[]));
    }
  }

  /** A command typed with no card waiting (or one that wins over the card). */
  private async command(step: DialogContext, command: Command): Promise<DialogTurnResult> {
    const t = turnStrings(step.context);
    switch (command) {
      case 'help':
        return this.sendAndEnd(step, welcomeCard(t));
      case 'cancel':
        if (!(await this.takeoverActions.showOpenToCancel(step.context))) await step.context.sendActivity(t.common.nothingToCancel);
        return step.endDialog();
      case 'myTickets':
        return this.act(step, () => this.ticketActions.myTickets(step.context));
      case 'withdrawTicket':
        // Which one: the open tickets, each with its Withdraw button; nothing is withdrawn by typing alone.
        return this.act(step, () => this.ticketActions.myTickets(step.context, true));
      case 'useChannel':
        return this.act(step, () => this.ticketActions.useThisChannel(step.context));
      case 'stats':
        return this.act(step, () => this.ticketActions.stats(step.context));
      case 'verify':
      case 'finished':
        // "check" or "done" typed after a takeover card: the user's latest takeover, as if they pressed its next button.
        if (await this.takeoverActions.continueLatest(step.context, command)) return step.endDialog();
        // "check" with no takeover to check: say so, rather than reading "check" as some other question.
        return this.sendAndEnd(step, t.takeover.nothingToVerify);
    }
  }

  /** "actually we're a small company": the answer again, for what the user corrected. */
  private async correct(step: DialogContext, correction: Extract<Decision, { kind: 'correction' }>): Promise<DialogTurnResult> {
    await this.forgetLastAnswer(step.context);
    if (correction.topic === 'signup') return this.sendAndEnd(step, signupAnswerCard(turnStrings(step.context), { kind: 'noWorkAddress' }));
    return step.beginDialog(WHO_IS_MY_ADMIN_DIALOG, { orgType: correction.choice as OrgType } satisfies WhoIsMyAdminOptions);
  }

  /** A specific question's own answer, counted under its topic. */
  private async answerFact(context: TurnContext, fact: FactId): Promise<void> {
    // Closing your account depends on your organization's state: answered for it, where the channel says which it is.
    const organization = fact === 'closeAccount' ? (await currentOrganization(this.deps, context)).organization : undefined;
    return sendAnswer(this.deps, context, factCard(turnStrings(context), fact, organization), FACT_TOPICS[fact]);
  }

  private handleAction(step: DialogContext, action: CardAction): Promise<DialogTurnResult> {
    const handler = this.actionHandlers[action.verb] as ActionHandler<CardAction>;
    return handler(step, action);
  }

  private async startTopic(step: DialogContext, topic: Intent, entities: Entities = {}): Promise<DialogTurnResult> {
    const t = turnStrings(step.context);
    // A new question: a later "yes" or "no" answers what comes now, not the answer before.
    if (topic !== 'greeting' && topic !== 'none') await this.forgetLastAnswer(step.context);
    switch (topic) {
      case 'whoIsMyAdmin':
        return step.beginDialog(WHO_IS_MY_ADMIN_DIALOG, {
          ...(entities.domain ? { domain: entities.domain } : {}),
          ...(entities.adminTopic ? { topic: entities.adminTopic } : {}),
          ...(entities.orgType ? { orgType: entities.orgType } : {}),
        } satisfies WhoIsMyAdminOptions);
      case 'amIAdmin':
        return step.beginDialog(AM_I_ADMIN_DIALOG, (entities.cloud ? { cloud: entities.cloud } : {}) satisfies AmIAdminOptions);
      case 'signup': {
        // "ok, then with jan@devriesadvies.nl" after a refused address is still for the service asked about.
        const service = entities.service ?? (await this.deps.discussedService.get(step.context));
        return step.beginDialog(SIGNUP_DIALOG, {
          ...(entities.address ? { typed: entities.address } : {}),
          ...(service ? { service } : {}),
        } satisfies SignupOptions);
      }
      case 'domainInUse':
        return step.beginDialog(DOMAIN_IN_USE_DIALOG, (entities.domain ? { domain: entities.domain } : {}) satisfies DomainInUseOptions);
      case 'takeover':
        return step.beginDialog(TAKEOVER_DIALOG, {
          ...(entities.domain ? { domain: entities.domain } : {}),
          ...(entities.service ? { service: entities.service } : {}),
        } satisfies TakeoverDialogOptions);
      case 'escalate':
        return step.beginDialog(ESCALATE_DIALOG, {} satisfies EscalateOptions);
      case 'greeting':
        return this.sendAndEnd(step, welcomeCard(t));
      case 'none':
        return this.sendAndEnd(step, notSureCard(t, TOPIC_INTENTS.slice(0, 3) as TopicWithButton[]));
    }
  }

  private async forgetLastAnswer(context: TurnContext): Promise<void> {
    await this.deps.lastAnswerId.delete(context);
    await this.deps.lastAnswerTopic.delete(context);
  }

  /** "Did this help?": thanks for a yes; a no leads to a person. */
  private async feedback(step: DialogContext, answerId: string, helpful: boolean): Promise<DialogTurnResult> {
    if (await this.rate(step.context, answerId, helpful)) return step.beginDialog(ESCALATE_DIALOG, { answerId } satisfies EscalateOptions);
    return step.endDialog();
  }

  /** Records the rating and says so; true when it was a new "no", which goes on to a ticket. */
  private async rate(context: TurnContext, answerId: string, helpful: boolean): Promise<boolean> {
    const t = turnStrings(context).feedback;
    const result = await this.deps.tickets.giveFeedback(answerId, context.activity.from.id, helpful);
    const reply = result.kind === 'recorded' ? (helpful ? t.thanks : t.sorry) : result.kind === 'alreadyGiven' ? t.already : t.notYours;
    await context.sendActivity(reply);
    return result.kind === 'recorded' && !helpful;
  }

  /**
   * "yes, that helped" or "no" typed instead of pressed: rates the user's last answer, once. With no answer to
   * rate, a yes is thanks, and a no on its own says too little to act on.
   */
  private async typedFeedback(step: DialogContext, helpful: boolean): Promise<DialogTurnResult> {
    const t = turnStrings(step.context);
    const lastAnswerId = await this.deps.lastAnswerId.get(step.context);
    if (lastAnswerId) {
      await this.forgetLastAnswer(step.context);
      return this.feedback(step, lastAnswerId, helpful);
    }
    if (!helpful) return this.sendAndEnd(step, notSureCard(t, TOPIC_INTENTS.slice(0, 3) as TopicWithButton[]));
    await step.context.sendActivity(t.common.youreWelcome);
    return step.endDialog();
  }

  /** Runs an action that answers by itself, then ends the turn's routing. */
  private async act(step: DialogContext, act: () => Promise<void>): Promise<DialogTurnResult> {
    await act();
    return step.endDialog();
  }

  /** Answers with a line of text or a card, then ends the turn's routing. */
  private async sendAndEnd(step: DialogContext, reply: string | { contentType: string; content: object }): Promise<DialogTurnResult> {
    await step.context.sendActivity(typeof reply === 'string' ? reply : { attachments: [reply] });
    return step.endDialog();
  }
}

/** The two or three likeliest topics, for the "not sure" card. */
function likeliestTopics(likeliest: readonly Intent[]): TopicWithButton[] {
  const topics = [...new Set([...likeliest.filter((intent) => TOPIC_INTENTS.includes(intent)), ...TOPIC_INTENTS])].slice(0, 3);
  return topics as TopicWithButton[];
}

/** Each flow dialog's topic. */
const FLOW_TOPICS: Readonly<Record<string, Intent>> = {
  [WHO_IS_MY_ADMIN_DIALOG]: 'whoIsMyAdmin',
  [AM_I_ADMIN_DIALOG]: 'amIAdmin',
  [SIGNUP_DIALOG]: 'signup',
  [DOMAIN_IN_USE_DIALOG]: 'domainInUse',
  [TAKEOVER_DIALOG]: 'takeover',
  [ESCALATE_DIALOG]: 'escalate',
};

/** The topic of the flow that is waiting (a flow may have handed over to another, as signup does to "who is my admin"). */
function flowTopic(dc: DialogContext): Intent | undefined {
  return dc.stack.map((instance) => FLOW_TOPICS[instance.id]).find((topic) => topic !== undefined);
}

/** The prompt the innermost active dialog is, if it is one of ours. */
function activePrompt(dc: DialogContext): CardPrompt<unknown> | undefined {
  const inner = innermost(dc);
  const active = inner.activeDialog && inner.findDialog(inner.activeDialog.id);
  return active instanceof CardPrompt ? (active as CardPrompt<unknown>) : undefined;
}

/** The dialog context the innermost active dialog (a waiting prompt) runs in. */
function innermost(dc: DialogContext): DialogContext {
  let inner: DialogContext = dc;
  while (inner.child) inner = inner.child;
  return inner;
}
