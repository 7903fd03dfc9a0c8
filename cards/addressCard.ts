/** Asks for the address to sign up with: explains signup first time round, and pre-fills the Teams address. */
import { stringsFor, type Strings } from '../locales/strings.js';
import { answerCard, type CardAttachment } from './renderCard.js';
import { introduced } from './shownAndMore.js';
import { VERBS } from './verbs.js';

export interface AddressCardOptions {
  /** introduce: explain self-service signup, then ask; retry: ask again after a wrong answer; change: ask for another address. */
  mode: 'introduce' | 'retry' | 'change';
  /** The address Teams knows for this user ('' when none). */
  prefill: string;
}

export function addressCard(t: Strings, { mode, prefill }: AddressCardOptions): CardAttachment {
  const s = t.signup;
  const question = `**${mode === 'change' ? s.askAddressAgain : s.askAddress}**`;
  return answerCard({
    title: mode === 'introduce' ? s.title : undefined,
    // The first time, what signup is in a line or two before the question; the rest of it behind "More".
    ...(mode === 'introduce' ? introduced(t, s.points, stringsFor('en').signup.points, question) : { paragraphs: [question] }),
    input: { id: 'email', label: s.addressLabel, placeholder: s.addressPlaceholder, value: prefill, style: 'email' },
    actions: [
      { title: s.continue, data: { verb: VERBS.submitAddress } },
      { title: s.noWorkAddress, data: { verb: VERBS.noWorkAddress } },
      { title: t.common.cancel, data: { verb: VERBS.cancel } },
    ],
  });
}
