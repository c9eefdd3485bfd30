-- Two webhooks about one pull request can be announced in either order: the provider's updated_at of the state a
-- primary message shows, so an announcement of an earlier state never replaces it. Null when the payload had none.
alter table announcement_messages add column applied_at timestamptz;
