/**
 * An error as Bot Framework's channel APIs send it (the Direct Line and connector `ErrorResponse`:
 * `{ "error": { "code": "BadArgument", "message": "..." } }`): the local channel speaks the protocol the SDK and
 * Web Chat expect, not the bot's own HTTP error shape (bot/http/httpReply.ts).
 */
export interface ChannelReply {
  status: number;
  body: unknown;
}

export function channelError(status: number, code: string, message: string): ChannelReply {
  return { status, body: { error: { code, message } } };
}
