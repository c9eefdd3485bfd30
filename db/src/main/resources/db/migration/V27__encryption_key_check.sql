-- Which key the stored secrets are encrypted with, as a one-way fingerprint (an HMAC of a fixed text under the key):
-- a replica started with another key (its own generated key file on an empty volume, a typo in the Secret) refuses
-- to start instead of storing secrets the others cannot read.
create table encryption_key_check (
    only_row    boolean primary key default true check (only_row),
    fingerprint text        not null,
    created_at  timestamptz not null default now()
);
