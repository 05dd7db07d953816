-- An event's id is a name-based UUID of its idempotency key (KeyedEvent.idOf: every event gets its key's id), so
-- the primary key already refuses a second event with the same key. The unique index on the key itself cost every
-- insert a second B-tree of long strings, and nothing reads the journal by key.
ALTER TABLE umhub_event DROP CONSTRAINT umhub_event_key_uq;
