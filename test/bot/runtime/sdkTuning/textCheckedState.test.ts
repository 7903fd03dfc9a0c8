import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { TestAdapter, TurnContext, type Activity, type Storage, type StoreItems } from 'botbuilder';
import { FlowState, TextCheckedUserState } from '../../../../bot/runtime/sdkTuning/textCheckedState.js';
import { openTestStore, type OpenedTestStore } from '../../../helpers/storeUnderTest.js';

/** The run's store, with a count of the writes that reach it. */
class CountingStorage implements Storage {
  writes = 0;
  constructor(private readonly inner: Storage) {}
  read(keys: string[]): Promise<StoreItems> {
    return this.inner.read(keys);
  }
  write(changes: StoreItems): Promise<void> {
    this.writes += 1;
    return this.inner.write(changes);
  }
  delete(keys: string[]): Promise<void> {
    return this.inner.delete(keys);
  }
}

const activity: Partial<Activity> = {
  type: 'message',
  channelId: 'msteams',
  conversation: { id: 'conversation-1', isGroup: true, conversationType: 'groupChat', name: '' },
  from: { id: 'person-1', name: 'Person' },
  recipient: { id: 'bot', name: 'Bot' },
  text: 'hi',
};

describe('state with a text change check', () => {
  let opened: OpenedTestStore;
  let storage: CountingStorage;
  const adapter = new TestAdapter();
  const turn = (from = activity.from) => new TurnContext(adapter, { ...activity, from } as Activity);

  beforeEach(async () => {
    opened = await openTestStore();
    storage = new CountingStorage(opened.store.storage);
  });
  afterEach(async () => opened.cleanup());

  it('saves a changed state, and only a changed one, for the next turn to read', async () => {
    const state = new FlowState(storage);
    const language = state.createProperty<string>('language');

    const first = turn();
    await language.set(first, 'nl');
    await state.saveChanges(first);
    expect(storage.writes).toBe(1);

    const second = turn();
    expect(await language.get(second)).toBe('nl');
    await state.saveChanges(second);
    expect(storage.writes).toBe(1);

    await language.set(second, 'en');
    await state.saveChanges(second);
    expect(storage.writes).toBe(2);
    // Saved once, the same text is no change.
    await state.saveChanges(second);
    expect(storage.writes).toBe(2);
    expect(await language.get(turn())).toBe('en');
  });

  it('keeps each person their own state in a conversation', async () => {
    const state = new FlowState(storage);
    const language = state.createProperty<string>('language');
    const mine = turn();
    await language.set(mine, 'nl');
    await state.saveChanges(mine);
    expect(await language.get(turn({ id: 'person-2', name: 'Someone else' }))).toBeUndefined();
  });

  it('writes a cleared state, and a forced save, even when nothing else changed', async () => {
    const state = new TextCheckedUserState(storage);
    const profile = state.createProperty<{ email: string }>('profile');
    const first = turn();
    await profile.set(first, { email: 'a@contoso.nl' });
    await state.saveChanges(first);

    const second = turn();
    await state.load(second);
    await state.saveChanges(second, true);
    expect(storage.writes).toBe(2);
    await state.clear(second);
    expect(state.get(second)).toEqual({});
    await state.saveChanges(second);
    expect(storage.writes).toBe(3);
    expect(await profile.get(turn())).toBeUndefined();
  });

  it('reads the store again when forced, and forgets a deleted state', async () => {
    const state = new FlowState(storage);
    const language = state.createProperty<string>('language');
    const context = turn();
    await language.set(context, 'nl');
    await state.saveChanges(context);

    const other = new FlowState(storage);
    const otherContext = turn();
    await other.createProperty<string>('language').set(otherContext, 'en');
    await other.saveChanges(otherContext);

    expect(await language.get(context)).toBe('nl');
    await state.load(context, true);
    expect(await language.get(context)).toBe('en');

    await state.delete(context);
    expect(state.get(context)).toBeUndefined();
    expect(await language.get(turn())).toBeUndefined();
  });
});
