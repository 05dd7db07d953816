-- An event made from an intake message keeps no copy of the message's body: it names the intake row that holds it
-- (intake_seq), and payload stays NULL. A payment_received webhook becomes three events, so its body was stored four
-- times; the three copies dropped were 40 % of the text the webhook left in the store. Events made otherwise (an
-- object read from the platform's REST API) and those recorded before this column keep their payload. The retention
-- job keeps an intake row while an event names it (the index).
ALTER TABLE umhub_event ADD COLUMN intake_seq BIGINT;
ALTER TABLE umhub_event ALTER COLUMN payload DROP NOT NULL;
CREATE INDEX umhub_event_intake_idx ON umhub_event (intake_seq);
