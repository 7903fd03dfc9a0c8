/**
 * A change the store could not keep (a full disk, an I/O error: StoreWriteFailedError) is never answered as done:
 * the user hears "I couldn't save that" in their language, nothing is recorded, and the same confirm works once
 * the store can write again. A change that was kept is shown as done, also when the disk fills up right after it.
 */
import { describe, expect, it } from '@jest/globals';
import type { Storage } from 'botbuilder';
import { format, stringsFor } from '../../locales/strings.js';
import type { Directory } from '../../services/ports/directory.js';
import type { HelpdeskRecords } from '../../services/ports/helpdeskRecords.js';
import { StoreWriteFailedError } from '../../services/ports/storeUnavailable.js';
import { useTestBots } from '../helpers/testBot.js';

const start = useTestBots();

/** `target` with the methods named in `writes` refused as a full disk would, while `full.on` is true. */
function fillable<T extends object>(full: { on: boolean }, writes: string[]) {
  return (target: T): T =>
    new Proxy(target, {
      get(object, key, receiver) {
        if (typeof key === 'string' && writes.includes(key) && full.on) {
          return () => Promise.reject(new StoreWriteFailedError('test: ENOSPC: no space left on device, write'));
        }
        const value = Reflect.get(object, key, receiver) as unknown;
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(object) : value;
      },
    });
}

describe.each([
  ['en', 'en-US', 'sign me up for Power BI with sara@fabrikam.example', 'yes'],
  ['nl', 'nl-NL', 'ik wil me registreren voor Power BI met daan@bakkerij.example', 'ja'],
] as const)('A signup while the store cannot write, in %s', (language, locale, signUp, yes) => {
  const t = stringsFor(language);

  it('says it could not save, records nothing, and records it on the next yes once the store writes again', async () => {
    const full = { on: false };
    const { say, directory } = await start({ locale, wrapDirectory: fillable<Directory>(full, ['transaction']) });
    const preview = await say(signUp);
    expect(preview[0]?.all).toContain(t.signup.confirm);
    const domain = signUp.split('@')[1]!;

    full.on = true;
    const refused = await say(yes);
    expect(refused.map((reply) => reply.text)).toEqual([t.common.notSaved]);
    expect(await directory.findByDomain(domain)).toBeUndefined();

    full.on = false;
    await say(yes);
    expect(await directory.findByDomain(domain)).toBeDefined();
  });

  it('shows a signup that was recorded when the disk fills up right after it, and does not ask to try it again', async () => {
    // The directory writes; then the disk is full for the answer's record and the conversation state.
    const full = { on: false };
    const { say, directory } = await start({
      locale,
      wrapRecords: fillable<HelpdeskRecords>(full, ['recordAnswer']),
      wrapStorage: fillable<Storage>(full, ['write']),
    });
    await say(signUp);
    const domain = signUp.split('@')[1]!;

    full.on = true;
    const replies = await say(yes);
    expect(await directory.findByDomain(domain)).toBeDefined();
    expect(replies[0]?.all).toContain(format(t.signup.createdTitle, { domain }));
    expect(replies[0]?.all).not.toContain(t.feedback.question);
    expect(replies.map((reply) => reply.text)).toContain(t.common.notSavedAfterAnswer);
    expect(replies.map((reply) => reply.text)).not.toContain(t.common.notSaved);
  });
});
