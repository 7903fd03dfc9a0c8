/**
 * What a press of a card already did: a double-click, or a press of the same card later, then says so
 * ("already sent as HD-1001") instead of doing it again or starting over.
 * @remarks Kept with the person's flow in this conversation, a few cards deep: only cards that record something
 * (the ticket description, the signup preview) are remembered, by the id their button carries.
 */
import type { StatePropertyAccessor, TurnContext } from 'botbuilder';

export type CardOutcome = { kind: 'ticket'; ticket: string } | { kind: 'signup' };

export interface FinishedCard {
  card: string;
  outcome: CardOutcome;
}

const CARDS_KEPT = 5;

/** Where they are kept: DialogDeps.finishedCards. */
interface FinishedCards {
  finishedCards: StatePropertyAccessor<FinishedCard[]>;
}

export async function rememberFinishedCard(deps: FinishedCards, context: TurnContext, card: string, outcome: CardOutcome): Promise<void> {
  if (!card) return;
  const kept = await deps.finishedCards.get(context, []);
  await deps.finishedCards.set(context, [...kept.filter((finished) => finished.card !== card), { card, outcome }].slice(-CARDS_KEPT));
}

/** What the card with this id did, if it finished here. */
export async function finishedCardOutcome(deps: FinishedCards, context: TurnContext, card: string): Promise<CardOutcome | undefined> {
  if (!card) return undefined;
  return (await deps.finishedCards.get(context, [])).find((finished) => finished.card === card)?.outcome;
}
