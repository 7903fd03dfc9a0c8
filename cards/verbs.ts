/**
 * Every card action verb, in one place. A test renders every card and checks that each action's
 * verb is listed here and that the router has a handler for it.
 */
export const VERBS = {
  /** Show the welcome card with every topic. */
  showHelp: 'showHelp',
  /** Start a topic as if the user had asked it; data: `topic` (an intent). */
  startTopic: 'startTopic',
  /** Answer "what kind of organization?"; data: `orgType`. */
  chooseOrgType: 'chooseOrgType',
  /** Ask again for the organization type, replacing the remembered one. */
  changeOrgType: 'changeOrgType',
  /** Show the admin center address of another cloud; data: `cloud` (or `usGovernment`: ask which US Government cloud). */
  chooseCloud: 'chooseCloud',
  /** Stop the running flow (the card's Cancel button; typing "cancel" does the same). */
  cancel: 'cancel',
  /** Sign up with the address in the card's `email` input. */
  submitAddress: 'submitAddress',
  /** "I don't have a work address": the trial workaround. */
  noWorkAddress: 'noWorkAddress',
  /** Record the signup the preview card showed; the address comes from the dialog, never from the card. */
  confirmSignup: 'confirmSignup',
  /** Back to the address question. */
  changeAddress: 'changeAddress',
  /** Look up the domain in the card's `domain` input. */
  submitDomain: 'submitDomain',
  /** Start taking over a domain's unmanaged organization; data: `domain`. */
  startTakeover: 'startTakeover',
  /** The domain to take over, from the card's `domain` input. */
  submitTakeoverDomain: 'submitTakeoverDomain',
  /** Internal or external takeover; data: `kind`. The domain comes from the dialog. */
  chooseTakeoverKind: 'chooseTakeoverKind',
  /**
   * The takeover buttons once a request exists; data: `request` (the request id only). Who may press them is
   * checked against the sender of the activity, never against card data.
   */
  /** The TXT value Microsoft showed, from the card's `value` input; data: `request`. */
  submitTakeoverValue: 'submitTakeoverValue',
  /** "Check DNS": is the value visible at the domain? */
  verifyTakeover: 'verifyTakeover',
  /** "I've finished in Microsoft": the bot asks Microsoft whether the takeover happened. */
  finishedInMicrosoft: 'finishedInMicrosoft',
  recheckTakeover: 'recheckTakeover',
  cancelTakeover: 'cancelTakeover',
  buyLicenses: 'buyLicenses',
  postponeLicenses: 'postponeLicenses',
  /** "Did this help?"; data: `answer` (the answer's id), `helpful`. Only the user who got the answer counts. */
  feedback: 'feedback',
  /** Send the ticket description in the card's `question` field to the helpdesk. */
  submitTicket: 'submitTicket',
  /** Helpdesk channel: take the ticket; data: `ticket` (HD-1042). Allowed from the ticket's channel only. */
  assignTicket: 'assignTicket',
  /** Helpdesk channel: resolve with the note in the card's `note` field; data: `ticket`. */
  resolveTicket: 'resolveTicket',
  /** The requester's own chat: withdraw their ticket; data: `ticket`. Only the requester may, checked from the sender. */
  withdrawTicket: 'withdrawTicket',
} as const;

/** Verbs whose data carry a takeover request id. */
export const TAKEOVER_REQUEST_VERBS = ['verifyTakeover', 'finishedInMicrosoft', 'recheckTakeover', 'cancelTakeover', 'buyLicenses', 'postponeLicenses'] as const;

export type Verb = (typeof VERBS)[keyof typeof VERBS];

export const ALL_VERBS: readonly Verb[] = Object.values(VERBS);
