/**
 * Text someone typed or chose (a ticket's question, its conversation lines, a name, a note, an organization's helpdesk
 * contact, a name Microsoft shows for another organization), made safe to show in a card's TextBlock or fact, which
 * Teams reads as Markdown, and in a message, where Teams also reads a few HTML tags.
 * @remarks The harm is a link whose text says something else than where it goes ("[Reset your password]
 * (https://evil.example)", `<a href="https://evil.example">Reset your password</a>`) in a card or message people
 * trust. An inline link needs its "(" right after the "]", a reference link "][" or "]:"; an HTML tag or an autolink
 * needs a letter (or "/", "!", "?") right after its "<". A zero-width space after every "]" and "<" that one of those
 * follows breaks them all, in every Teams client and in Web Chat alike, and cannot be seen. Backslash escapes would
 * be shown as backslashes by some Teams clients. A bare address stays as typed, so what it shows is where it goes
 * (a helpdesk contact's web address is meant to be followed, and is shown as its address); emphasis is left alone,
 * as it changes only how the text looks.
 */
const LINK_SYNTAX = /\](?=[([:])|<(?=[A-Za-z/!?])/g;
const ZERO_WIDTH_SPACE = '\u200B';

export function literalText(text: string): string {
  return text.replace(LINK_SYNTAX, (mark) => `${mark}${ZERO_WIDTH_SPACE}`);
}
