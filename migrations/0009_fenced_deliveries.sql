-- Webhook deliveries are fenced (issue 16): each claim writes a fresh lease token, and every update after a send
-- matches it, so a worker whose lease ran out (and was taken over) cannot change what another worker recorded.
ALTER TABLE webhook_deliveries ADD COLUMN lease_token TEXT;
