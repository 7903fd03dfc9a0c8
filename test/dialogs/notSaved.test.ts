/**
 * A change the store could not keep (a full disk, an I/O error: StoreWriteFailedError) is never answered as done:
 * the user hears "I couldn't save that" in their language, nothing is recorded, and the same confirm works once
 * the store can write again.
 */
import { describe, expect, it } from '@jest/globals';
import { stringsFor } from '../../locales/strings.js';
import type { Directory } from '../../services/ports/directory.js';
import { StoreWriteFailedError } from '../../services/ports/storeUnavailable.js';
import { useTestBots } from '../helpers/testBot.js';

const start = useTestBots();

/** The directory, with every transaction refused as a full disk would while `full.on` is true. */
function fillable(full: { on: boolean }) {
  return (directory: Directory): Directory =>
    new Proxy(directory, {
      get(target, key, receiver) {
        if (key === 'transaction' && full.on) {
          return () => Promise.reject(new StoreWriteFailedError('test: ENOSPC: no space left on device, write'));
        }
        const value = Reflect.get(target, key, receiver) as unknown;
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
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
    const { say, directory } = await start({ locale, wrapDirectory: fillable(full) });
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
});
