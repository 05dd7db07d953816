-- The host's own table, in the host's own database (spring.datasource); umhub keeps its tables in umhub.store.url.
CREATE TABLE IF NOT EXISTS host_signup (
    id         BIGINT AUTO_INCREMENT PRIMARY KEY,
    name       VARCHAR(200) NOT NULL,
    email      VARCHAR(320) NOT NULL,
    created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL
);
