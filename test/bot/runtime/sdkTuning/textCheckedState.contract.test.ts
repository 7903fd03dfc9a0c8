/**
 * The SDK behaviour FlowState and TextCheckedUserState (bot/runtime/sdkTuning/textCheckedState.ts) rely on,
 * pinned: they replace BotState's load, saveChanges, clear, delete and get, so those must still be all of
 * BotState that reads or writes the state, with the same parameters; and the same table of turns, run through
 * the SDK's own property accessors and BotStateSet, must make the same storage calls and load the same objects
 * on the SDK's PrivateConversationState and UserState as on the tuned ones.
 */
import { describe, expect, it } from '@jest/globals';
import {
  type Activity,
  BotState,
  BotStateSet,
  MemoryStorage,
  PrivateConversationState,
  TestAdapter,
  TurnContext,
  UserState,
} from 'botbuilder';
import { FlowState, TextCheckedUserState } from '../../../../bot/runtime/sdkTuning/textCheckedState.js';
import { copy, pinned, RecordingStorage } from './sdkContract.js';

const pin = (check: () => unknown) => pinned('text-checked state', 'textCheckedState.ts', check);

const adapter = new TestAdapter();
function turn(from = 'person-1', conversation: string | undefined = 'conversation-1'): TurnContext {
  return new TurnContext(adapter, {
    type: 'message',
    channelId: 'msteams',
    conversation: conversation ? { id: conversation, isGroup: true, conversationType: 'groupChat', name: '' } : undefined,
    from: { id: from, name: from },
    recipient: { id: 'bot', name: 'Bot' },
    text: 'hi',
  } as Activity);
}

/**
 * Turns against one state: every step's result as JSON, and for every object a step returns, which of the
 * objects returned before it is (or a new one): load returning the turn's object, get the loaded one, ...
 */
async function runTable(state: BotState, storage: RecordingStorage): Promise<unknown[]> {
  const results: unknown[] = [];
  const seen: object[] = [];
  const step = async (name: string, run: () => unknown) => {
    let value: unknown;
    try {
      value = await run();
    } catch (error) {
      results.push({ step: name, error: (error as Error).message });
      return;
    }
    let identity: string | undefined;
    if (value && typeof value === 'object') {
      const index = seen.indexOf(value);
      identity = index >= 0 ? `object #${index}` : `new object #${seen.push(value) - 1}`;
    }
    results.push({ step: name, value: copy(value), identity, storage: storage.log.splice(0) });
  };
  const language = state.createProperty<string>('language');
  const cards = state.createProperty<{ id: string }[]>('finishedCards');
  const profile = state.createProperty<{ email: string }>('profile');

  let context = turn();
  await step('get before load', () => state.get(context));
  await step('property with a default, first read of the turn', () => language.get(context, 'en'));
  await step('load', () => state.load(context));
  await step('get after load', () => state.get(context));
  await step('save the default', () => state.saveChanges(context));
  await step('save again, unchanged', () => state.saveChanges(context));
  await step('set a property', () => profile.set(context, { email: 'sam@contoso.nl' }));
  await step('save the change', () => state.saveChanges(context));

  context = turn();
  await step('save before load', () => state.saveChanges(context));
  await step('read a property', () => profile.get(context));
  await step('delete a property', () => language.delete(context));
  await step('BotStateSet saves', () => new BotStateSet(state).saveAllChanges(context));
  await step('forced load', () => state.load(context, true));
  await step('forced save, unchanged', () => state.saveChanges(context, true));
  await step('change inside an object', async () => (await profile.get(context))!.email = 'kim@contoso.nl');
  await step('array default, changed in place', async () => (await cards.get(context, []))!.push({ id: 'card-1' }));
  await step('BotStateSet loads (no read: already loaded)', () => new BotStateSet(state).loadAll(context));
  await step('save nested changes', () => state.saveChanges(context));

  context = turn();
  await step('load a third time', () => state.load(context));
  await step('clear', () => state.clear(context));
  await step('get after clear', () => state.get(context));
  await step('load after clear', () => state.load(context));
  await step('property after clear', () => profile.get(context));
  await step('save the cleared state', () => state.saveChanges(context));

  context = turn('person-2');
  await step('someone else in the conversation', () => state.load(context));
  await step('their change', () => language.set(context, 'nl'));
  await step('their save', () => state.saveChanges(context));
  await step('forced save with nothing loaded', () => state.saveChanges(turn('person-3'), true));

  context = turn();
  await step('load before delete', () => state.load(context));
  await step('delete', () => state.delete(context));
  await step('get after delete', () => state.get(context));
  await step('load after delete', () => state.load(context));
  await step('delete with nothing loaded', () => state.delete(turn('person-2')));

  await step('load without a sender or a conversation', () => state.load(turn('', undefined)));
  return results;
}

/** The methods of BotState's own, and their parameters as the SDK declares them. */
function methodsOf(prototype: object): Record<string, string> {
  return Object.fromEntries(
    Object.getOwnPropertyNames(prototype).map((name) => {
      const member = Object.getOwnPropertyDescriptor(prototype, name)?.value as unknown;
      const parameters = typeof member === 'function' ? (/^[^(]*\(([^)]*)\)/.exec(String(member))?.[1] ?? '?') : 'not a method';
      return [name, parameters];
    }),
  );
}

describe('the SDK behaviour the text-checked state relies on', () => {
  it("BotState's methods that read or write the state are the ones the tuned state overrides, with the same parameters", async () => {
    await pin(() => {
      expect(methodsOf(BotState.prototype)).toEqual({
        constructor: 'storage, storageKey',
        createProperty: 'name',
        load: 'context, force = false',
        saveChanges: 'context, force = false',
        clear: 'context',
        delete: 'context',
        get: 'context',
      });
      // The states only say where they are stored; everything else is BotState's.
      expect(Object.getOwnPropertyNames(PrivateConversationState.prototype).sort()).toEqual(['constructor', 'getStorageKey']);
      expect(Object.getOwnPropertyNames(UserState.prototype).sort()).toEqual(['constructor', 'getStorageKey']);
    });
    // What the tuned states override: every one of those but the constructor and createProperty.
    const tuned = new FlowState(new MemoryStorage());
    for (const method of ['load', 'saveChanges', 'clear', 'delete', 'get'] as const) {
      expect(Object.getPrototypeOf(tuned)[method]).not.toBe(BotState.prototype[method]);
    }
  });

  it.each([
    { name: 'PrivateConversationState', sdk: PrivateConversationState, tuned: FlowState },
    { name: 'UserState', sdk: UserState, tuned: TextCheckedUserState },
  ])('the same turns make the same storage calls and load the same objects on $name as on the tuned one', async ({ sdk, tuned }) => {
    const sdkStorage = new RecordingStorage();
    const tunedStorage = new RecordingStorage();
    const expected = await runTable(new sdk(sdkStorage), sdkStorage);
    const actual = await runTable(new tuned(tunedStorage), tunedStorage);
    await pin(() => {
      // The table did exercise the store: writes, forced reads, deletes, a missing key.
      expect(JSON.stringify(expected)).toMatch(/"write".*"delete".*"error"/);
      expect(actual).toEqual(expected);
    });
  });
});
