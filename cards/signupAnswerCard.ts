/** The end of a signup: what was recorded, or why the address is refused, with the next step as buttons. */
import { format, type Strings } from '../locales/strings.js';
import { displayDomain } from '../services/signup/emailAddress.js';
import type { SignupPlan, SignupRequest } from '../services/signup/signup.js';
import { formatDate } from './formatDate.js';
import { answerCard, type CardAttachment, type CardButton } from './renderCard.js';
import { colleaguesText } from './signupPreviewCard.js';
import { takeoverButton } from './takeoverButton.js';
import { topicButton } from './topicButtons.js';
import { VERBS } from './verbs.js';

/** `plan` is what held when the signup was recorded (or refused); `noWorkAddress` is the user saying they have none. */
export type SignupAnswer = { kind: 'noWorkAddress' } | { kind: 'outcome'; plan: SignupPlan; request: SignupRequest };

export function signupAnswerCard(t: Strings, answer: SignupAnswer): CardAttachment {
  const s = t.signup;
  const anotherAddress: CardButton = { title: s.useAnotherAddress, data: { verb: VERBS.changeAddress } };
  if (answer.kind === 'noWorkAddress') {
    return answerCard({ title: s.trialTitle, paragraphs: [s.trial], actions: [anotherAddress, topicButton(t, 'escalate')] });
  }
  const { plan, request } = answer;
  const { address } = request.address;
  const ascii = request.address.domain;
  const domain = displayDomain(ascii);
  switch (plan.kind) {
    case 'consumer':
      return answerCard({
        title: s.consumerTitle,
        paragraphs: [format(s.consumer, { domain }), `**${s.trialTitle}** ${s.trial}`],
        actions: [anotherAddress, topicButton(t, 'escalate')],
      });
    case 'government':
      return answerCard({ title: s.governmentTitle, paragraphs: [s.government], actions: [anotherAddress, topicButton(t, 'whoIsMyAdmin')] });
    case 'turnedOff': {
      const org = plan.organization.displayName;
      const why = format(plan.reason === 'signupOff' ? s.turnedOff : s.joiningOff, { org });
      // Only an admin can turn it back on; an organization nobody administers has to be taken over first.
      return answerCard({ title: s.turnedOffTitle, paragraphs: [why, format(plan.organization.managed ? s.turnedOffManaged : s.turnedOffUnmanaged, { org })] });
    }
    case 'alreadyMember': {
      const org = plan.organization.displayName;
      const already = plan.inTenant ? format(s.alreadyInTenantText, { address, org }) : format(s.alreadyText, { address, org, date: formatDate(t, plan.member.joinedAt) });
      const paragraphs = [already, ...unmanagedNotes(t, plan.organization.managed, domain)];
      return answerCard({ title: s.alreadyTitle, paragraphs, actions: nextSteps(t, plan.organization.managed, ascii) });
    }
    case 'addService': {
      const org = plan.organization.displayName;
      const paragraphs = [format(s.serviceAddedText, { service: plan.service, address, org }), ...unmanagedNotes(t, plan.organization.managed, domain)];
      return answerCard({ title: format(s.serviceAddedTitle, { service: plan.service }), paragraphs, actions: nextSteps(t, plan.organization.managed, ascii) });
    }
    case 'createUnmanaged':
      if (plan.existsAtMicrosoft) {
        return answerCard({
          title: format(t.microsoft.signup.joinedExistingTitle, { domain }),
          paragraphs: [format(t.microsoft.signup.joinedExistingText, { address, domain }), ...unmanagedNotes(t, false, domain)],
          actions: nextSteps(t, false, ascii),
        });
      }
      return answerCard({
        title: format(s.createdTitle, { domain }),
        paragraphs: [format(s.createdText, { address, domain }), ...unmanagedNotes(t, false, domain)],
        actions: nextSteps(t, false, ascii),
      });
    case 'heldAtMicrosoft':
      return heldAtMicrosoftCard(t, plan, address, anotherAddress);
    case 'joinUnmanaged': {
      const org = plan.organization.displayName;
      const paragraphs = [format(s.joinedUnmanagedText, { address, domain }), colleaguesText(t, plan.colleagues, domain), ...unmanagedNotes(t, false, domain)];
      return answerCard({ title: format(s.joinedTitle, { org }), paragraphs, actions: nextSteps(t, false, ascii) });
    }
    case 'joinManaged': {
      const org = plan.organization.displayName;
      return answerCard({
        title: format(s.joinedTitle, { org }),
        paragraphs: [format(s.joinedManagedText, { address, org }), colleaguesText(t, plan.colleagues, domain)],
        actions: nextSteps(t, true, ascii),
      });
    }
  }
}

/**
 * Microsoft shows the domain otherwise than the directory can record: what Microsoft shows, what the records said,
 * what signing up does there, and that nothing was recorded.
 */
function heldAtMicrosoftCard(t: Strings, plan: Extract<SignupPlan, { kind: 'heldAtMicrosoft' }>, address: string, anotherAddress: CardButton): CardAttachment {
  const m = t.microsoft;
  const domain = displayDomain(plan.domain);
  const paragraphs: string[] = [];
  if (plan.recorded) paragraphs.push(`**${format(m.disagree[plan.shows], { domain, org: plan.recorded.displayName })}**`);
  switch (plan.shows) {
    case 'managed':
      paragraphs.push(
        plan.inTenant
          ? format(m.signup.heldInTenant, { domain, address })
          : plan.brand
            ? format(m.signup.heldManaged, { domain, address, org: plan.brand })
            : format(m.signup.heldManagedUnnamed, { domain, address }),
      );
      break;
    case 'unmanaged':
      // "That unmanaged organization": the one the line on the records names, else Microsoft's own words first.
      if (!plan.recorded) paragraphs.push(format(m.domain.unmanagedText, { domain }));
      paragraphs.push(format(m.signup.heldUnmanaged, { address }));
      break;
    case 'unknown':
      paragraphs.push(format(m.signup.heldUnknown, { domain, address }));
      break;
  }
  paragraphs.push(format(m.signup.heldNotRecorded, { domain }), m.checked);
  const next = plan.shows === 'managed' ? [topicButton(t, 'whoIsMyAdmin')] : [anotherAddress];
  return answerCard({ title: format(m.signup.heldTitle, { domain }), paragraphs, actions: [...next, topicButton(t, 'escalate')] });
}

/** In an unmanaged organization: you can use but not administer, and who could take it over. */
function unmanagedNotes(t: Strings, managed: boolean, domain: string): string[] {
  return managed ? [] : [t.signup.unmanagedMeaning, format(t.signup.whoCanTakeOver, { domain })];
}

function nextSteps(t: Strings, managed: boolean, asciiDomain: string): CardButton[] {
  return managed ? [topicButton(t, 'whoIsMyAdmin')] : [takeoverButton(t, asciiDomain), topicButton(t, 'whoIsMyAdmin')];
}
