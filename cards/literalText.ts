/**
 * Text someone typed (a ticket's question, its conversation lines, a name, a note), made safe to show in a
 * card's TextBlock or fact, which Teams reads as Markdown.
 * @remarks The harm is a link whose text says something else than where it goes ("[Reset your password]
 * (https://evil.example)") in a card the helpdesk trusts. An inline link needs its "(" right after the "]",
 * a reference link "][" or "]:": a zero-width space after every "]" that one of those follows breaks them
 * all, in every Teams client alike, and cannot be seen. Backslash escapes would be shown as backslashes by
 * some Teams clients. A bare address stays as typed, so what it shows is where it goes; emphasis is left
 * alone, as it changes only how the text looks.
 */
const LINK_SYNTAX = /\](?=[([:])/g;
const ZERO_WIDTH_SPACE = '\u200B';

export function literalText(text: string): string {
  return text.replace(LINK_SYNTAX, `]${ZERO_WIDTH_SPACE}`);
}
