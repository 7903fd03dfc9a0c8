-- Takeover requests no longer carry a TXT value the bot made up: the value comes from Microsoft, and a request
-- waits for it (waitingForValue), then for DNS (waitingForDns), then for the requester's step in Microsoft
-- (waitingForMicrosoft); it ends completed (confirmed by Microsoft), reportedByUser, expired or cancelled.
-- Requests of the earlier version ('pending', 'verified', with a `token` the bot invented) proved nothing to
-- Microsoft, so they wait for the value from Microsoft. Only the status column moves here, which openTakeovers
-- filters on; the service reads the stored JSON through normalizeTakeover, which drops the old token.
UPDATE takeovers SET status = 'waitingForValue' WHERE status IN ('pending', 'verified');
