/**
 * The SDK's conversation-member and user state, with a cheaper change check.
 * @remarks Why: `BotState` hashes the whole state (botbuilder-stdlib's cycle-safe `stringify`, then SHA-256) when
 * it loads it, before it saves it and again after: up to six hashes a turn for the two states, about 6% of a
 * turn's CPU in the bench. The state here is plain JSON (the stores keep it as JSON text), so its JSON text is
 * its own change check: compared as a string, no hash. Loading, saving (`eTag` '*', last write wins), clearing
 * and deleting behave as the SDK's; a change of the `eTag` alone, which only the store sets, is no change here.
 *
 * Relies on: BotState's load, saveChanges, clear, delete and get (all overridden here, with their parameters)
 * being all that reads or writes a state, for the SDK's property accessors and BotStateSet too, and on its
 * protected `storage` and `storageKey`. Pinned by test/bot/runtime/sdkTuning/textCheckedState.contract.test.ts;
 * SDK_TUNING=off uses PrivateConversationState and UserState.
 */
import { BotState, PrivateConversationState, UserState, type TurnContext } from 'botbuilder';

type StateObject = Record<string, unknown>;

/** What a turn keeps of a state it loaded: the object the dialogs change, and its text when last read or saved. */
interface CachedState {
  state: StateObject;
  /** '' forces the next save (a cleared state). */
  text: string;
}

/** The state's JSON text without its `eTag`, which the store sets and which is no change of the state's own. */
function stateText(state: StateObject): string {
  const withoutETag = { ...state };
  delete withoutETag.eTag;
  return JSON.stringify(withoutETag);
}

// TypeScript's rule for mixins: the base's constructor takes `...args: any[]`.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type BotStateClass = new (...args: any[]) => BotState;

function withTextChangeCheck<Base extends BotStateClass>(Base: Base) {
  return class TextCheckedState extends Base {
    /** Where a turn keeps this state, apart from the SDK's own cache (which this class does not fill). */
    private readonly cacheKey = Symbol('textCheckedState');

    override async load(context: TurnContext, force = false): Promise<StateObject> {
      const cached = context.turnState.get(this.cacheKey) as CachedState | undefined;
      if (cached && !force) return cached.state;
      const key = await this.storageKey(context);
      const items = await this.storage.read([key]);
      const state = (items[key] as StateObject | undefined) ?? {};
      context.turnState.set(this.cacheKey, { state, text: stateText(state) } satisfies CachedState);
      return state;
    }

    override async saveChanges(context: TurnContext, force = false): Promise<void> {
      let cached = context.turnState.get(this.cacheKey) as CachedState | undefined;
      const text = cached ? stateText(cached.state) : '';
      if (!force && (!cached || text === cached.text)) return;
      const key = await this.storageKey(context);
      cached ??= { state: {}, text: '' };
      cached.state.eTag = '*';
      await this.storage.write({ [key]: cached.state });
      cached.text = text || stateText(cached.state);
      context.turnState.set(this.cacheKey, cached);
    }

    override clear(context: TurnContext): Promise<void> {
      context.turnState.set(this.cacheKey, { state: {}, text: '' } satisfies CachedState);
      return Promise.resolve();
    }

    override async delete(context: TurnContext): Promise<void> {
      context.turnState.delete(this.cacheKey);
      const key = await this.storageKey(context);
      await this.storage.delete([key]);
    }

    override get(context: TurnContext): StateObject | undefined {
      return (context.turnState.get(this.cacheKey) as CachedState | undefined)?.state;
    }
  };
}

/** Each person's own state in a conversation (their flow, language, last answer): see HelpdeskBotDeps.flowState. */
export const FlowState = withTextChangeCheck(PrivateConversationState);
/** A person's state across conversations (their profile). */
export const TextCheckedUserState = withTextChangeCheck(UserState);
