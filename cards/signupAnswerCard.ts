/** The end of a signup: what was recorded, or why the address is refused, with the next step as buttons. */
import { format, type Strings } from '../locales/strings.js';
import { displayDomain } from '../services/signup/emailAddress.js';
import { isVerifiedAddress, type SignupPlan, type SignupRequest } from '../services/signup/signup.js';
import { belongsTo } from '../services/organizations/findOrganization.js';
import type { Organization } from '../services/models/organization.js';
import { formatDate } from './formatDate.js';
import { answerCard, type AnswerCardData, type CardAttachment, type CardButton } from './renderCard.js';
import { colleaguesText } from './signupPreviewCard.js';
import { takeoverButton } from './takeoverButton.js';
import { topicButton } from './topicButtons.js';
import { VERBS } from './verbs.js';
import { literalText } from './literalText.js';

/** `plan` is what held when the signup was recorded (or refused); `noWorkAddress` is the user saying they have none. */
export type SignupAnswer = { kind: 'noWorkAddress' } | { kind: 'outcome'; plan: SignupPlan; request: SignupRequest };

export function signupAnswerCard(t: Strings, answer: SignupAnswer): CardAttachment {
  const s = t.signup;
  // The service named at the start goes along with the next address.
  const service = answer.kind === 'outcome' && answer.request.service ? { service: answer.request.service } : {};
  const anotherAddress: CardButton = { title: s.useAnotherAddress, data: { verb: VERBS.changeAddress, ...service } };
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
      const paragraphs = [already, ...claimNote(t, request, plan.organization)];
      return answerCard({ title: s.alreadyTitle, paragraphs, ...unmanagedNotes(t, plan.organization.managed, domain), actions: nextSteps(t, plan.organization.managed, ascii) });
    }
    case 'addService': {
      const org = plan.organization.displayName;
      const paragraphs = [format(s.serviceAddedText, { service: plan.service, address, org }), ...claimNote(t, request, plan.organization)];
      return answerCard({ title: format(s.serviceAddedTitle, { service: plan.service }), paragraphs, ...unmanagedNotes(t, plan.organization.managed, domain), actions: nextSteps(t, plan.organization.managed, ascii) });
    }
    case 'createUnmanaged':
      if (plan.existsAtMicrosoft) {
        return answerCard({
          title: format(t.microsoft.signup.joinedExistingTitle, { domain }),
          paragraphs: [format(t.microsoft.signup.joinedExistingText, { address, domain }), ...claimNote(t, request)],
          ...unmanagedNotes(t, false, domain),
          actions: nextSteps(t, false, ascii),
        });
      }
      return answerCard({
        title: format(s.createdTitle, { domain }),
        paragraphs: [format(s.createdText, { address, domain }), ...claimNote(t, request)],
        ...unmanagedNotes(t, false, domain),
        actions: nextSteps(t, false, ascii),
      });
    case 'heldAtMicrosoft':
      return heldAtMicrosoftCard(t, plan, address, anotherAddress);
    case 'joinUnmanaged': {
      const org = plan.organization.displayName;
      const paragraphs = [
        format(s.joinedUnmanagedText, { address, domain }),
        ...colleaguesText(t, plan.colleagues, domain),
        ...claimNote(t, request, plan.organization),
      ];
      return answerCard({ title: format(s.joinedTitle, { org }), paragraphs, ...unmanagedNotes(t, false, domain), actions: nextSteps(t, false, ascii) });
    }
    case 'joinManaged': {
      const org = plan.organization.displayName;
      return answerCard({
        title: format(s.joinedTitle, { org }),
        paragraphs: [format(s.joinedManagedText, { address, org }), ...colleaguesText(t, plan.colleagues, domain), ...claimNote(t, request, plan.organization)],
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
            ? format(m.signup.heldManaged, { domain, address, org: literalText(plan.brand) })
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

/**
 * "I can't confirm that ... is yours": the address was typed, the channel does not give it as theirs, and does not
 * place them in the organization either; so it is noted as their claim, and joins them to nothing the bot shows.
 */
function claimNote(t: Strings, request: SignupRequest, organization?: Organization): string[] {
  if (isVerifiedAddress(request)) return [];
  if (organization && belongsTo(organization, { tenantId: request.requesterTenantId, email: request.requesterEmail })) return [];
  return [format(t.signup.claimedAddress, { address: request.address.address, domain: displayDomain(request.address.domain) })];
}

/** In an unmanaged organization: you can use but not administer, and who could take it over, behind "More". */
function unmanagedNotes(t: Strings, managed: boolean, domain: string): Pick<AnswerCardData, 'details'> {
  return managed ? {} : { details: { toggle: t.common.more, paragraphs: [t.signup.unmanagedMeaning, format(t.signup.whoCanTakeOver, { domain })] } };
}

function nextSteps(t: Strings, managed: boolean, asciiDomain: string): CardButton[] {
  return managed ? [topicButton(t, 'whoIsMyAdmin')] : [takeoverButton(t, asciiDomain), topicButton(t, 'whoIsMyAdmin')];
}
