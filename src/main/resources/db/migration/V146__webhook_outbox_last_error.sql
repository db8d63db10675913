-- Webhook events keep their last delivery error beside the message, as batch emails do, so
-- both outboxes are claimed, retried and given up by the same statements.
ALTER TABLE webhook_outbox ADD COLUMN last_error text;
