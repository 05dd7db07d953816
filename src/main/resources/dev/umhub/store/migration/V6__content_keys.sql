-- One CRM write per real change: a delivery whose request would change nothing at its destination (a contact upsert
-- with the same properties as the customer's last one there) is kept as skipped. content_key is the connector's
-- digest of what a request changes; NULL for destinations where every request counts (analytics events).
ALTER TABLE umhub_delivery ADD COLUMN content_key VARCHAR(64);
