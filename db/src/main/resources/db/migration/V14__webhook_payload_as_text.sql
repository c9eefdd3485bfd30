-- Nothing reads a delivery's body as JSON in the database; storing it as text spares PostgreSQL a jsonb parse of every
-- delivery on the acknowledging path (issue 9). The text is the JSON exactly as it was received.
alter table webhook_deliveries alter column payload type text using payload::text;
