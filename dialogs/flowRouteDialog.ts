/**
 * The router's first step for a new message or press: picks the flow and begins it, and stays on the stack
 * under that flow until the flow ends, keeping the ids of the card messages the flow sent (so a press of an
 * older card, which Teams names in `replyToId`, can be told apart from one of the flow's own cards).
 * @remarks A Dialog of our own rather than a one-step WaterfallDialog: its state is ours to read and write,
 * where a waterfall's (`values`, `stepIndex`) is the SDK's internal layout. When the flow ends, the SDK's
 * default `resumeDialog` ends this dialog with the flow's result, as the one-step waterfall did.
 */
import { Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';

/** What the route keeps while its flow runs. */
interface FlowRouteState {
  cardActivityIds: string[];
}

/** Picks and begins the flow (or answers and ends) for this turn. */
export type RouteStep<O> = (dc: DialogContext, options: O) => Promise<DialogTurnResult>;

/** How many of a flow's question cards are remembered: enough for every card a flow asks, retries included. */
const FLOW_CARDS_KEPT = 10;

export class FlowRouteDialog<O extends object> extends Dialog<O> {
  constructor(
    id: string,
    private readonly route: RouteStep<O>,
  ) {
    super(id);
  }

  override async beginDialog(dc: DialogContext, options?: O): Promise<DialogTurnResult> {
    if (dc.activeDialog) dc.activeDialog.state = { cardActivityIds: [] } satisfies FlowRouteState;
    return this.route(dc, options ?? ({} as O));
  }

  /** The running route's state, if this route is on the stack. */
  private stateIn(dc: DialogContext): FlowRouteState | undefined {
    const state = dc.stack.find((instance) => instance.id === this.id)?.state as Partial<FlowRouteState> | undefined;
    return Array.isArray(state?.cardActivityIds) ? (state as FlowRouteState) : undefined;
  }

  /** Keeps the ids of card messages the running flow sent this turn. */
  rememberCards(dc: DialogContext, sent: readonly string[]): void {
    const state = this.stateIn(dc);
    if (sent.length === 0 || !state) return;
    state.cardActivityIds = [...state.cardActivityIds, ...sent].slice(-FLOW_CARDS_KEPT);
  }

  /** Whether a press that names (`replyToId`) a card message names one the running flow did not send. */
  isOlderCard(dc: DialogContext): boolean {
    const { replyToId } = dc.context.activity;
    const ids = this.stateIn(dc)?.cardActivityIds;
    return Boolean(replyToId && ids && ids.length > 0 && !ids.includes(replyToId));
  }
}
