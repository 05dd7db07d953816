-- Embeddable and pluggable (issue 10). Portable SQL for H2 and PostgreSQL, like V1.

-- Provider identities are per-destination external ids of a customer, not columns of the core: GA4's client id
-- moves next to the CRM contact id (destination 'ga4'); any destination may keep one.
INSERT INTO umhub_customer_external_id (customer_id, destination, external_id, updated_at)
SELECT c.customer_id, 'ga4', c.ga4_client_id, c.updated_at FROM umhub_customer c
WHERE c.ga4_client_id IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM umhub_customer_external_id x WHERE x.customer_id = c.customer_id AND x.destination = 'ga4');
ALTER TABLE umhub_customer DROP COLUMN ga4_client_id;

-- Each attempt keeps the request its destination route really sent: method, URL and headers, secrets masked.
ALTER TABLE umhub_delivery_attempt ADD COLUMN request VARCHAR;
